// Public face of intel/.
export { type BuildOptions, buildIndex } from "./index/build-index.ts";
export { type FollowOptions, followStore, type IndexFollower } from "./index/follow-store.ts";
export { type LiveIndex, type LiveIndexOptions, openLiveIndex } from "./index/live-index.ts";
export {
	ObservableIndex,
	type RelatedObject,
	type Relation,
	type Suggestion,
} from "./index/observable-index.ts";
export * from "./watch/index.ts";
