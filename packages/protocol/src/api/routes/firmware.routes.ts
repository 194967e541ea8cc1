import { IdParams } from '../common.ts';
import {
  Campaign,
  CampaignList,
  CampaignParams,
  CampaignTargetList,
  CampaignTargetQuery,
  CreateCampaignRequest,
  CreateFirmwarePackageRequest,
  FirmwarePackage,
  FirmwarePackageList,
  FirmwarePackageParams,
  FirmwarePackageQuery,
} from '../firmware.ts';
import { route } from '../route.ts';

const tags = ['firmware'];
const packages = '/api/v1/orgs/:orgId/firmware/packages';
const campaigns = '/api/v1/orgs/:orgId/firmware/campaigns';
const campaign = `${campaigns}/:campaignId`;

/** A campaign's state change: the campaign as it is afterwards. */
const campaignAction = (path: string, summary: string) =>
  route({
    method: 'POST',
    path: `${campaign}/${path}`,
    tags,
    access: 'devices.command',
    summary,
    params: CampaignParams,
    answer: Campaign,
  });

/**
 * The firmware catalog (packages the platform operator and organizations publish) and firmware
 * campaigns (a package rolled out in waves with thresholds, a health gate and maintenance windows).
 */
export const firmwareRoutes = {
  listFirmwarePackages: route({
    method: 'GET',
    path: packages,
    tags,
    access: 'devices.read',
    summary:
      'The catalog the organization sees: the operator’s packages, its own and its support organization’s',
    params: IdParams,
    query: FirmwarePackageQuery,
    answer: FirmwarePackageList,
  }),
  createFirmwarePackage: route({
    method: 'POST',
    path: packages,
    tags,
    access: 'devices.command',
    summary: 'Publish an uploaded firmware file as a package (checked: model, format, size, SHA-256)',
    params: IdParams,
    body: CreateFirmwarePackageRequest,
    answer: FirmwarePackage,
    status: 201,
  }),
  withdrawFirmwarePackage: route({
    method: 'POST',
    path: `${packages}/:packageId/withdraw`,
    tags,
    access: 'devices.command',
    summary: 'Withdraw a package: no new update starts with it',
    params: FirmwarePackageParams,
    answer: FirmwarePackage,
  }),

  listCampaigns: route({
    method: 'GET',
    path: campaigns,
    tags,
    access: 'devices.read',
    summary: 'Firmware campaigns, newest first, with each wave’s counts',
    params: IdParams,
    answer: CampaignList,
  }),
  createCampaign: route({
    method: 'POST',
    path: campaigns,
    tags,
    access: 'devices.command',
    summary:
      'Create a campaign: its targets are chosen now and split in waves; it starts unless it needs approval',
    params: IdParams,
    body: CreateCampaignRequest,
    answer: Campaign,
    status: 201,
  }),
  getCampaign: route({
    method: 'GET',
    path: campaign,
    tags,
    access: 'devices.read',
    summary: 'One campaign with each wave’s counts',
    params: CampaignParams,
    answer: Campaign,
  }),
  listCampaignTargets: route({
    method: 'GET',
    path: `${campaign}/targets`,
    tags,
    access: 'devices.read',
    summary: 'A campaign’s devices: wave, state and why',
    params: CampaignParams,
    query: CampaignTargetQuery,
    answer: CampaignTargetList,
  }),
  approveCampaign: campaignAction('approve', 'Approve a campaign (someone other than its author)'),
  pauseCampaign: campaignAction('pause', 'Pause: no new device starts; updates under way finish'),
  resumeCampaign: campaignAction('resume', 'Resume a paused or halted campaign'),
  abortCampaign: campaignAction(
    'abort',
    'Abort: what has not started is cancelled; updates under way finish',
  ),
  campaignReportCsv: route({
    method: 'GET',
    path: `${campaign}/report.csv`,
    tags,
    access: 'devices.read',
    summary: 'The campaign’s report as CSV (text/csv): each device, updated / skipped / failed and why',
    params: CampaignParams,
  }),
  campaignReportPdf: route({
    method: 'GET',
    path: `${campaign}/report.pdf`,
    tags,
    access: 'devices.read',
    summary: 'The campaign’s report as PDF (application/pdf)',
    params: CampaignParams,
  }),
};
