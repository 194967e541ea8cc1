import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import type { Logger } from 'pino';
import { frameworkErrors, registerErrorHandling } from './http/error-handler.ts';
import { registerInputLimits } from './http/input-limits.ts';
import { createRouteRegistry } from './http/contract-routes.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerRouteSchemaCopies } from './http/route-schemas.ts';
import { registerWebApp } from './http/web-app.ts';
import { systemRoutes } from './http/routes/system.routes.ts';
import type { SystemService } from './services/system.service.ts';
import type { HubMetrics } from './adapters/metrics.ts';
import cookie from '@fastify/cookie';
import type { HubServices } from './compose-services.ts';
import { registerRequestAuth } from './http/request-auth.ts';
import { registerRateLimits } from './http/rate-limits.ts';
import { authRoutes } from './http/routes/auth.routes.ts';
import { twoFactorRoutes } from './http/routes/two-factor.routes.ts';
import { compatibleRoutes } from './http/routes/compatible.routes.ts';
import { organizationRoutes } from './http/routes/organization.routes.ts';
import { userRoutes } from './http/routes/user.routes.ts';
import { locationRoutes } from './http/routes/location.routes.ts';
import { serverRoutes } from './http/routes/server.routes.ts';
import { auditRoutes } from './http/routes/audit.routes.ts';
import { outboxRoutes } from './http/routes/outbox.routes.ts';
import { licenseRoutes } from './http/routes/license.routes.ts';
import { deviceRoutes } from './http/routes/device.routes.ts';
import { fileRoutes } from './http/routes/file.routes.ts';
import { commandRoutes } from './http/routes/command.routes.ts';
import { configurationRoutes } from './http/routes/configuration.routes.ts';
import { registerAgentGateway } from './http/agent-gateway.ts';
import { alertRoutes } from './http/routes/alert.routes.ts';
import { usageRoutes } from './http/routes/usage.routes.ts';
import { billingRoutes } from './http/routes/billing.routes.ts';
import { directoryRoutes } from './http/routes/directory.routes.ts';
import { oidcRoutes } from './http/routes/oidc.routes.ts';
import { collaborateSpaceRoutes } from './http/routes/collaborate-space.routes.ts';
import { downloadRoutes } from './http/routes/download.routes.ts';
import { firmwareRoutes } from './http/routes/firmware.routes.ts';
import { communicationRoutes } from './http/routes/communication.routes.ts';

export interface AppDeps {
  version: string;
  logger: Logger;
  webDir: string;
  system: SystemService;
  metrics: HubMetrics;
  services: HubServices;
  /** Set the session cookie's Secure flag (the hub is reached over HTTPS). */
  secureCookies: boolean;
  /** This hub's installation id, told to agents. */
  serverId: string;
  /** How often open live-events streams re-check their credentials (tests shorten it). */
  liveAccessCheckMs?: number | undefined;
  /** Serve HTTPS (and the agent link over wss) with this certificate and key. */
  https?: { cert: Buffer; key: Buffer; ca?: Buffer } | undefined;
}

/** Builds the HTTP application. It never listens: main.ts does, tests use `app.inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Widened to Fastify's logger type, so the app's type stays the plain FastifyInstance.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    ...(deps.https ? { https: deps.https } : {}),
    loggerInstance,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    frameworkErrors,
  });
  registerErrorHandling(app);
  registerInputLimits(app);
  registerRouteSchemaCopies(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    deps.metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    deps.metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });
  await registerOpenApi(app, deps.version);
  const s = deps.services;
  const registry = createRouteRegistry(s.access);
  const routes = registry.on(app);
  systemRoutes(routes, { system: deps.system, metrics: deps.metrics });
  await app.register(cookie);
  registerRequestAuth(app, { auth: s.auth, tokens: s.tokens });
  const limit = await registerRateLimits(app);
  authRoutes(routes, {
    auth: s.auth,
    users: s.users,
    smsNumbers: s.smsNumbers,
    passwords: s.passwords,
    trials: s.trials,
    secureCookies: deps.secureCookies,
    limit,
  });
  twoFactorRoutes(routes, { auth: s.auth, twoFactor: s.twoFactor, secureCookies: deps.secureCookies, limit });
  organizationRoutes(routes, { organizations: s.organizations, attachments: s.clientAttachments });
  userRoutes(routes, { users: s.users, limit });
  locationRoutes(routes, { locations: s.locations });
  serverRoutes(routes, { servers: s.servers });
  downloadRoutes(routes, { agentBuilds: s.agentBuilds });
  auditRoutes(routes, { audit: s.audit, tokens: s.tokens });
  outboxRoutes(routes, { mail: s.mail });
  licenseRoutes(routes, { licenses: s.licenses });
  deviceRoutes(app, routes, {
    devices: s.devices,
    availability: s.deviceAvailability,
    live: s.live,
    personStreams: s.personStreams,
    accessCheckMs: deps.liveAccessCheckMs,
  });
  commandRoutes(routes, { commands: s.commands });
  configurationRoutes(routes, { configurations: s.configurations });
  await fileRoutes(app, registry, { files: s.files, link: s.link, agentBuilds: s.agentBuilds });
  alertRoutes(routes, { alerts: s.alerts, smtp: s.orgSmtp });
  usageRoutes(routes, { usage: s.usage });
  billingRoutes(routes, { billing: s.billing });
  compatibleRoutes(routes, { compatible: s.compatible });
  directoryRoutes(routes, { directory: s.directory, limit });
  oidcRoutes(routes, { oidc: s.oidc, auth: s.auth, secureCookies: deps.secureCookies, limit });
  firmwareRoutes(routes, { catalog: s.firmwareCatalog, campaigns: s.campaigns });
  collaborateSpaceRoutes(routes, { collaborateSpace: s.collaborateSpace });
  await communicationRoutes(app, registry, {
    conversations: s.conversations,
    signals: s.callSignals,
    callSettings: s.callSettings,
  });
  registry.assertComplete();
  await registerAgentGateway(app, {
    link: s.link,
    commands: s.commands,
    bus: s.bus,
    metrics: deps.metrics,
    serverId: deps.serverId,
    agentBuilds: s.agentBuilds,
    configurations: s.configurations,
  });
  await registerWebApp(app, deps.webDir);
  return app;
}
