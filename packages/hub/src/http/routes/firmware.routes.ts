import type { CampaignService } from '../../services/firmware/campaign.service.ts';
import type { FirmwareCatalogService } from '../../services/firmware/firmware-catalog.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';

/** The firmware catalog and campaigns (docs/firmware.md). */
export function firmwareRoutes(
  routes: ContractRoutes,
  d: { catalog: FirmwareCatalogService; campaigns: CampaignService },
): void {
  routes.org('listFirmwarePackages', (ctx, { query }) => d.catalog.list(ctx, query));
  routes.org('createFirmwarePackage', (ctx, { body }) => d.catalog.create(ctx, body));
  routes.org('withdrawFirmwarePackage', (ctx, { params }) => d.catalog.withdraw(ctx, params.packageId));
  routes.org('listCampaigns', (ctx) => d.campaigns.list(ctx));
  routes.org('createCampaign', (ctx, { body }) => d.campaigns.create(ctx, body));
  routes.org('getCampaign', (ctx, { params }) => d.campaigns.get(ctx, params.campaignId));
  routes.org('listCampaignTargets', (ctx, { params, query }) =>
    d.campaigns.targets(ctx, params.campaignId, query),
  );
  routes.org('approveCampaign', (ctx, { params }) => d.campaigns.approve(ctx, params.campaignId));
  routes.org('pauseCampaign', (ctx, { params }) => d.campaigns.pause(ctx, params.campaignId));
  routes.org('resumeCampaign', (ctx, { params }) => d.campaigns.resume(ctx, params.campaignId));
  routes.org('abortCampaign', (ctx, { params }) => d.campaigns.abort(ctx, params.campaignId));
  routes.org('campaignReportCsv', async (ctx, { params, reply }) => {
    const { name, text } = await d.campaigns.csv(ctx, params.campaignId);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(text);
  });
  routes.org('campaignReportPdf', async (ctx, { params, reply }) => {
    const { name, data } = await d.campaigns.pdf(ctx, params.campaignId);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${name}"`)
      .send(data);
  });
}
