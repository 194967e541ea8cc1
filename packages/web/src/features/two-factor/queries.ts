import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';

export const twoFactorKey = ['getTwoFactor'] as const;

/** My two-factor sign-in: on or off, recovery codes left, who requires it. */
export const useTwoFactor = () =>
  useQuery({ queryKey: twoFactorKey, queryFn: ({ signal }) => call('getTwoFactor', {}, { signal }) });
