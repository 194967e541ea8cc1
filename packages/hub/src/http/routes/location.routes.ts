import type { LocationService } from '../../services/location.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';

export function locationRoutes(routes: ContractRoutes, d: { locations: LocationService }): void {
  routes.org('listLocations', async (ctx) => ({ items: await d.locations.list(ctx) }));
  routes.org('createLocation', (ctx, { body }) => d.locations.create(ctx, body));
  routes.org('updateLocation', (ctx, { params, body }) => d.locations.update(ctx, params.locationId, body));
  routes.org('deleteLocation', async (ctx, { params }) => {
    await d.locations.delete(ctx, params.locationId);
    return { ok: true as const };
  });
}
