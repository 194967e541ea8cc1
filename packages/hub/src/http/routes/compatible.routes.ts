import type { CompatibleApiService } from '../../services/compatible-api.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';
import { requireAuth } from '../request-auth.ts';

/** The vendor-compatible read API (X-Api-Key; docs/compatible-api.md). */
export function compatibleRoutes(routes: ContractRoutes, d: { compatible: CompatibleApiService }): void {
  routes.plain('compatibleSearchDevices', ({ request, query }) =>
    d.compatible.search(requireAuth(request).actor, query.q),
  );
  routes.plain('compatibleGetDevice', ({ request, params }) =>
    d.compatible.device(requireAuth(request).actor, params.deviceId),
  );
}
