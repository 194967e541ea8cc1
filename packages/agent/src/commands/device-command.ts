import type { VoipRegistration } from '@crosspoint/protocol';

/** Commands the agent runs on a device (AV Manager's device actions). */
export type DeviceCommand =
  | { type: 'locate'; on: boolean }
  | { type: 'safetyMute'; on: boolean }
  /** Changes the stack's login (every box of the stack); the agent stores the new one, sealed. */
  | { type: 'setCredentials'; username: string; password: string }
  | { type: 'ftp'; enabled: boolean }
  | { type: 'restart' }
  /** Uploads the image over FTP, applies it, follows Updating Firmware → drop → Restarting... → back. */
  | { type: 'firmwareUpdate'; image: Uint8Array; fileName?: string }
  /** Downloads the stack's project (.PCCP2X) and keeps a copy in the agent's data dir. */
  | { type: 'backupConfig' }
  /** Re-applies a backup taken earlier by `backupConfig`. */
  | { type: 'restoreConfig'; backupId: string }
  /** Uploads and applies a project (.PCCP2X: a ZIP holding one XML file). */
  | { type: 'loadConfig'; project: Uint8Array; fileName?: string }
  | {
      type: 'provisionVoip';
      line: number;
      enabled: boolean;
      user: string;
      password: string;
      registrar: string;
      restartVoip?: boolean;
    }
  | { type: 'restartVoip' }
  | { type: 'voipStatus' }
  | { type: 'downloadLogs' };

export type DeviceCommandType = DeviceCommand['type'];

export interface VoipLineStatus {
  epn: string;
  registration: VoipRegistration | 'unknown';
}

/** The typed result of each command. */
export interface CommandResults {
  locate: { on: boolean };
  safetyMute: { on: boolean };
  setCredentials: { username: string };
  ftp: { enabled: boolean };
  restart: { firmware: string; downtimeMs: number };
  firmwareUpdate: { previous: string; firmware: string; durationMs: number };
  backupConfig: { backupId: string; fileName: string; bytes: number; data: Uint8Array };
  restoreConfig: { backupId: string };
  loadConfig: { fileName: string };
  provisionVoip: { epn: string; restartPending: boolean };
  restartVoip: { restartPending: boolean; lines: VoipLineStatus[] };
  voipStatus: { restartPending: boolean; lines: VoipLineStatus[] };
  downloadLogs: { files: { name: string; data: Uint8Array }[] };
}
export type CommandResult<C extends DeviceCommand = DeviceCommand> = CommandResults[C['type']];

/** Progress of a long command (firmware, configuration, logs). */
export interface CommandProgress {
  phase: string;
  percent?: number;
  message?: string;
}
export type ProgressListener = (progress: CommandProgress) => void;
