import { alertRoutes } from './alerts.routes.ts';
import { billingRoutes } from './billing.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { twoFactorRoutes } from './two-factor.routes.ts';
import { compatibleRoutes } from './compatible.routes.ts';
import { deviceRoutes } from './devices.routes.ts';
import { organizationRoutes } from './organizations.routes.ts';
import { serverRoutes } from './servers.routes.ts';
import { systemRoutes } from './system.routes.ts';
import { userRoutes } from './users.routes.ts';
import { usageRoutes } from './usage.routes.ts';
import { oidcRoutes } from './oidc.routes.ts';
import { directoryRoutes } from './directory.routes.ts';
import { downloadRoutes } from './downloads.routes.ts';
import { configurationRoutes } from './configurations.routes.ts';
import { firmwareRoutes } from './firmware.routes.ts';
import { communicationRoutes } from './communications.routes.ts';
import { collaborateSpaceRoutes } from './collaborate-space.routes.ts';

/**
 * The route table: every route of the hub's HTTP API (the agent's link and file routes excepted),
 * by operation id. The hub registers its routes from it; the web app's client is typed by it and
 * calls routes by operation id; OpenAPI's operationIds are these keys.
 */
export const routeTable = {
  ...systemRoutes,
  ...authRoutes,
  ...twoFactorRoutes,
  ...compatibleRoutes,
  ...organizationRoutes,
  ...userRoutes,
  ...serverRoutes,
  ...downloadRoutes,
  ...deviceRoutes,
  ...alertRoutes,
  ...usageRoutes,
  ...billingRoutes,
  ...oidcRoutes,
  ...directoryRoutes,
  ...firmwareRoutes,
  ...configurationRoutes,
  ...communicationRoutes,
  ...collaborateSpaceRoutes,
};
export type RouteTable = typeof routeTable;
export type OperationId = keyof RouteTable;
