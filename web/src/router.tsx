// Client routes on the History API (the node answers index.html for them): parse, navigate, and links that stay in the app.
import { Anchor, type AnchorProps } from "@mantine/core";
import { type MouseEvent, type ReactNode, useSyncExternalStore } from "react";

export const OBJECT_TABS = [
	"overview",
	"receivers",
	"graph",
	"sightings",
	"correlations",
	"versions",
	"json",
] as const;
export type ObjectTab = (typeof OBJECT_TABS)[number];

export type Route =
	| { name: "home" }
	| { name: "objects"; q: string; types: string[]; added?: string; marking?: string }
	| { name: "object"; id: string; tab: ObjectTab }
	| { name: "policy"; version?: number }
	| { name: "share" }
	| { name: "import" }
	| { name: "watch" }
	| { name: "feeds" }
	| { name: "quarantine" }
	| { name: "users" }
	| { name: "audit" }
	| { name: "value"; kind: string; value: string }
	| { name: "match" }
	| { name: "not-found"; path: string };

const NAVIGATED = "entente:navigated";

/** The route a location names. */
export function parseRoute(pathname: string, search: string): Route {
	const params = new URLSearchParams(search);
	if (pathname === "/home") return { name: "home" };
	if (pathname === "/" || pathname === "/objects") {
		const types = (params.get("type") ?? "").split(",").filter((type) => type !== "");
		const added = params.get("added");
		const marking = params.get("marking");
		return {
			name: "objects",
			q: params.get("q") ?? "",
			types,
			...(added === null || !/^\d{4}-\d{2}-\d{2}$/.test(added) ? {} : { added }),
			...(marking === null || marking === "" ? {} : { marking }),
		};
	}
	const object = /^\/objects\/([^/]+)$/.exec(pathname);
	if (object?.[1] !== undefined) {
		const tab = OBJECT_TABS.find((name) => name === params.get("tab")) ?? "overview";
		return { name: "object", id: decodeURIComponent(object[1]), tab };
	}
	if (pathname === "/share") return { name: "share" };
	if (pathname === "/import") return { name: "import" };
	if (pathname === "/watch") return { name: "watch" };
	if (pathname === "/feeds") return { name: "feeds" };
	if (pathname === "/quarantine") return { name: "quarantine" };
	if (pathname === "/users") return { name: "users" };
	if (pathname === "/audit") return { name: "audit" };
	if (pathname === "/match") return { name: "match" };
	const value = /^\/values\/([^/]+)\/(.+)$/.exec(pathname);
	if (value?.[1] !== undefined && value[2] !== undefined)
		return { name: "value", kind: decodeURIComponent(value[1]), value: decodeURIComponent(value[2]) };
	if (pathname === "/policy") {
		const version = Number(params.get("version"));
		return Number.isInteger(version) && version > 0 ? { name: "policy", version } : { name: "policy" };
	}
	return { name: "not-found", path: pathname };
}

/** The path of a route (inverse of parseRoute). */
export function hrefOf(route: Route): string {
	switch (route.name) {
		case "home":
			return "/home";
		case "objects": {
			const params = new URLSearchParams();
			if (route.q !== "") params.set("q", route.q);
			if (route.types.length > 0) params.set("type", route.types.join(","));
			if (route.added !== undefined) params.set("added", route.added);
			if (route.marking !== undefined) params.set("marking", route.marking);
			const search = params.toString();
			return `/objects${search === "" ? "" : `?${search}`}`;
		}
		case "object":
			return `/objects/${encodeURIComponent(route.id)}${route.tab === "overview" ? "" : `?tab=${route.tab}`}`;
		case "policy":
			return route.version === undefined ? "/policy" : `/policy?version=${route.version}`;
		case "share":
			return "/share";
		case "import":
			return "/import";
		case "watch":
			return "/watch";
		case "feeds":
			return "/feeds";
		case "quarantine":
			return "/quarantine";
		case "users":
			return "/users";
		case "audit":
			return "/audit";
		case "value":
			return valueHref(route.kind, route.value);
		case "match":
			return "/match";
		case "not-found":
			return route.path;
	}
}

export function objectHref(id: string, tab: ObjectTab = "overview"): string {
	return hrefOf({ name: "object", id, tab });
}

/** A value's page: `/values/ipv4/198.51.100.7`. */
export function valueHref(kind: string, value: string): string {
	return `/values/${encodeURIComponent(kind)}/${encodeURIComponent(value)}`;
}

/** Goes to `href` inside the app (a history entry, unless `replace`). */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
	if (options.replace === true) history.replaceState(null, "", href);
	else history.pushState(null, "", href);
	window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(onChange: () => void): () => void {
	window.addEventListener("popstate", onChange);
	window.addEventListener(NAVIGATED, onChange);
	return () => {
		window.removeEventListener("popstate", onChange);
		window.removeEventListener(NAVIGATED, onChange);
	};
}

function currentLocation(): string {
	return location.pathname + location.search;
}

/** The current route; re-renders on navigation and on back/forward. */
export function useRoute(): Route {
	const current = useSyncExternalStore(subscribe, currentLocation);
	const url = new URL(current, location.origin);
	return parseRoute(url.pathname, url.search);
}

/** Follows a click on an in-app link without a page load (modified clicks still open tabs). */
export function followLink(event: MouseEvent<HTMLElement>, href: string): void {
	if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
	event.preventDefault();
	navigate(href);
}

/** A Mantine Anchor that navigates inside the app. */
export function Link(
	props: AnchorProps & {
		href: string;
		children: ReactNode;
		title?: string;
		"aria-label"?: string;
		"data-testid"?: string;
	},
) {
	const { href, children, ...rest } = props;
	return (
		<Anchor {...rest} href={href} onClick={(event: MouseEvent<HTMLAnchorElement>) => followLink(event, href)}>
			{children}
		</Anchor>
	);
}
