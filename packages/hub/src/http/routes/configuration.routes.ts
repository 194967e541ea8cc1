import type { ConfigurationService } from '../../services/configurations/configuration.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';

/** Configuration versions, comparison, baseline, restore and settings (docs/configurations.md). */
export function configurationRoutes(
  routes: ContractRoutes,
  d: { configurations: ConfigurationService },
): void {
  const c = d.configurations;
  routes.org('listConfigurationVersions', (ctx, { params }) => c.list(ctx, params.deviceId));
  routes.org('getConfigurationVersion', (ctx, { params }) => c.get(ctx, params.versionId));
  routes.org('compareConfigurations', (ctx, { query }) => c.compare(ctx, query.from, query.to));
  routes.org('backupConfigurations', async (ctx, { body }) => ({
    items: await c.backup(ctx, body.deviceIds),
  }));
  routes.org('restoreConfiguration', async (ctx, { params, body }) => ({
    items: await c.restore(ctx, params.versionId, body.deviceIds),
  }));
  routes.org('setConfigurationBaseline', (ctx, { params, body }) =>
    c.setBaseline(ctx, params.deviceId, body.versionId),
  );
  routes.org('clearConfigurationBaseline', async (ctx, { params }) => {
    await c.clearBaseline(ctx, params.deviceId);
    return { ok: true as const };
  });
  routes.org('getConfigurationSettings', (ctx) => c.settings(ctx));
  routes.org('updateConfigurationSettings', (ctx, { body }) => c.updateSettings(ctx, body));
}
