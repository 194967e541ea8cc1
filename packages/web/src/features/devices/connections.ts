import type { TFunction } from 'i18next';
import type { ConnectionStep } from '@crosspoint/protocol';

/** One step of where a device sits, in the user's language ("C-Link 01", "Subnet 10.0.0.0 (eth0)"). */
export function connectionStepLabel(t: TFunction, step: ConnectionStep): string {
  switch (step.kind) {
    case 'server':
    case 'other':
      return step.name;
    case 'subnet':
      return t('devices.connectionSteps.subnet', { address: step.name, interface: step.interface ?? '' });
    case 'stack':
      return t('devices.connectionSteps.stack', { name: step.name });
    case 'clink':
      return t('devices.connectionSteps.clink', { number: step.name });
    case 'plink':
      return t('devices.connectionSteps.plink', { number: step.name });
  }
}

/** The whole path on one line. */
export const connectionsText = (t: TFunction, steps: readonly ConnectionStep[], separator = ' › '): string =>
  steps.map((s) => connectionStepLabel(t, s)).join(separator);

/**
 * The path as a list shows it: from the stack down (the room the installer named, its C-Link and
 * P-Link) when the device is in a stack, else the last two steps; "… ›" when something is left out.
 */
export function shortConnectionsText(t: TFunction, steps: readonly ConnectionStep[]): string {
  const stack = steps.findIndex((s) => s.kind === 'stack');
  const shown = stack >= 0 ? steps.slice(stack) : steps.slice(-2);
  const text = connectionsText(t, shown);
  return shown.length < steps.length ? `… › ${text}` : text;
}
