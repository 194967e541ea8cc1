import type { DeviceRepository } from '../repositories/device.repository.ts';
import type { OrganizationRepository, OrgRecord } from '../repositories/organization.repository.ts';

/**
 * A support organization's trial has ended: it is past the last day of its trial (its plan end).
 * A paying support organization has no plan end.
 */
export const trialEnded = (org: Pick<OrgRecord, 'kind' | 'planEnd'>, today: string): boolean =>
  org.kind === 'support' && org.planEnd !== null && org.planEnd < today;

/**
 * How many Pro Audio devices an organization may have monitored now (the rest are Overflowed), or
 * null for no limit: a client its plan's, an enterprise its license's; once a support
 * organization's trial has ended, none of its own or its clients'.
 */
export function deviceLimit(org: OrgRecord, parent: OrgRecord | undefined, today: string): number | null {
  switch (org.kind) {
    case 'client':
      return parent && trialEnded(parent, today) ? 0 : org.planMaxDevices;
    case 'enterprise':
      return org.devicePool;
    case 'support':
      return trialEnded(org, today) ? 0 : null;
    case 'platform':
      return null;
  }
}

/**
 * Brings a support organization's devices and its clients' in line with its trial (ended: nothing
 * monitored; extended or paying: each client's plan again). Answers the organizations whose devices
 * changed, for live events.
 */
export async function applyTrial(
  support: OrgRecord,
  today: string,
  d: { orgs: OrganizationRepository; devices: Pick<DeviceRepository, 'applyPlan'> },
): Promise<string[]> {
  const changed: string[] = [];
  if (await d.devices.applyPlan(support.id, deviceLimit(support, undefined, today))) changed.push(support.id);
  for (const client of await d.orgs.children(support.id)) {
    if (client.kind !== 'client') continue;
    if (await d.devices.applyPlan(client.id, deviceLimit(client, support, today))) changed.push(client.id);
  }
  return changed;
}
