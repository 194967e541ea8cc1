import { deviceModels, isDeviceModelCode, type Campaign } from '@crosspoint/protocol';

/** A model code as people know the model (CP2_128V → CONVERGE® Pro 2 128V). */
export const modelName = (code: string) => (isDeviceModelCode(code) ? deviceModels[code].displayName : code);

/** The badge colour of each campaign status. */
export const campaignBadge: Record<Campaign['status'], string> = {
  'awaiting-approval': 'info',
  running: 'info',
  paused: 'issue',
  halted: 'down',
  completed: 'ok',
  aborted: 'muted',
};
