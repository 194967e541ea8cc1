// The Firmware screen's data. Live 'campaigns' events make the 'campaigns' keys stale (useLiveEvents).
import { useQuery } from '@tanstack/react-query';
import type { FirmwarePackageQuery } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';

export const firmwareKeys = {
  packages: ['campaigns', 'packages'],
  campaigns: ['campaigns', 'list'],
} as const;

export const usePackages = (orgId: string, query: FirmwarePackageQuery) =>
  useQuery({
    queryKey: [...firmwareKeys.packages, orgId, query],
    queryFn: ({ signal }) => call('listFirmwarePackages', { params: { orgId }, query }, { signal }),
  });

/** Campaigns with each wave's counts; refreshed by live events and every 5 s while one runs. */
export const useCampaigns = (orgId: string) =>
  useQuery({
    queryKey: [...firmwareKeys.campaigns, orgId],
    queryFn: ({ signal }) => call('listCampaigns', { params: { orgId } }, { signal }),
    refetchInterval: 5_000,
  });

export const useCampaignTargets = (orgId: string, campaignId: string) =>
  useQuery({
    queryKey: ['campaigns', 'targets', orgId, campaignId],
    queryFn: ({ signal }) =>
      call('listCampaignTargets', { params: { orgId, campaignId }, query: { limit: 500 } }, { signal }),
    refetchInterval: 5_000,
  });
