import { unzipSync } from 'fflate';
import { DeviceError, DeviceErrorCode } from './device-error.ts';

/** Stack settings a CONSOLE AI project carries (`StackSettingsObj_StackSettings` [C PD2 PCCP2X]). */
export interface ProjectSettings {
  stackName?: string;
  username?: string;
  password?: string;
}

/**
 * Checks that bytes are a .PCCP2X project — a ZIP holding one XML file (devices.md §4) — and reads
 * the stack settings loading it will apply: the stack name and the login, so the agent can follow.
 */
export function readProjectSettings(data: Uint8Array): ProjectSettings {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data);
  } catch (e) {
    throw new DeviceError(DeviceErrorCode.BadInput, 'The project is not a .PCCP2X (ZIP) file.', { cause: e });
  }
  const files = Object.entries(entries).filter(([n]) => !n.endsWith('/'));
  const xml =
    files.length === 1
      ? Buffer.from(files[0]?.[1] ?? [])
          .toString('utf8')
          .replace(/^\uFEFF/, '')
      : '';
  if (!xml.trimStart().startsWith('<'))
    throw new DeviceError(DeviceErrorCode.BadInput, 'The project must hold exactly one XML file.');
  const element = /<StackSettingsObj_StackSettings\b([^>]*)>/.exec(xml)?.[1] ?? '';
  const attribute = (name: string): string | undefined => {
    const raw = new RegExp(`\\b${name}="([^"]*)"`).exec(element)?.[1];
    return raw
      ?.replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  };
  return {
    stackName: attribute('StackName'),
    username: attribute('UserName'),
    password: attribute('Password'),
  };
}
