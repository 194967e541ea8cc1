import { IdParams } from '../common.ts';
import { ClientUsageQuery, ClientUsageReport, UsageQuery, UsageReport } from '../usage.ts';
import { route } from '../route.ts';

const tags = ['usage'];
const orgPath = '/api/v1/orgs/:orgId';

/** Usage metering (docs/metering.md): an organization's usage by day, and a support organization's clients by month. */
export const usageRoutes = {
  getUsage: route({
    method: 'GET',
    path: `${orgPath}/usage`,
    tags,
    access: 'org.read',
    summary:
      'Devices monitored per UTC day by family (peak, device-days), Overflow days and plan changes, with the totals',
    params: IdParams,
    query: UsageQuery,
    answer: UsageReport,
  }),
  exportUsage: route({
    method: 'GET',
    path: `${orgPath}/usage/export`,
    tags,
    access: 'org.read',
    summary: 'The same usage by day as CSV (text/csv)',
    params: IdParams,
    query: UsageQuery,
  }),
  listClientUsage: route({
    method: 'GET',
    path: `${orgPath}/clients/usage`,
    tags,
    access: 'clients.read',
    summary:
      'A month’s usage of every client (average devices and peak by family, Overflow days): what invoices bill',
    params: IdParams,
    query: ClientUsageQuery,
    answer: ClientUsageReport,
  }),
  exportClientUsage: route({
    method: 'GET',
    path: `${orgPath}/clients/usage/export`,
    tags,
    access: 'clients.read',
    summary: 'The same month’s usage of every client as CSV (text/csv)',
    params: IdParams,
    query: ClientUsageQuery,
  }),
};
