// Collections (§5.1, §5.2): the views this user may read or write, in a stable order.
import { accessOf, collectionResource } from "./collections.ts";
import { taxiiResponse } from "./respond.ts";
import { findCollection, requireApiRoot, type TaxiiServices } from "./services.ts";
import type { TaxiiHono } from "./types.ts";

export function registerCollectionRoutes(app: TaxiiHono, services: TaxiiServices): void {
	// §5.1: collections the user can neither read nor write are left out; none at all is `{}` (§5.1.1).
	app.get("/taxii2/:root/collections/", async (context) => {
		requireApiRoot(services, context.req.param("root"));
		const user = context.get("user");
		const visible = (await services.repository.listCollections()).flatMap((collection) => {
			const access = accessOf(collection, user, context.get("local"));
			return access.canRead || access.canWrite ? [collectionResource(collection, access)] : [];
		});
		return taxiiResponse(visible.length === 0 ? {} : { collections: visible });
	});

	// §5.2
	app.get("/taxii2/:root/collections/:collectionId/", async (context) => {
		requireApiRoot(services, context.req.param("root"));
		const { collection, access } = await findCollection(
			services,
			context.get("user"),
			context.get("local"),
			context.req.param("collectionId"),
		);
		return taxiiResponse(collectionResource(collection, access));
	});
}
