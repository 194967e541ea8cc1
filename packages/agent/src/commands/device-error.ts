/** Stable codes of device command failures: callers (and later the hub) branch on `code`, never on text. */
export const DeviceErrorCode = {
  NotFound: 'DEVICE_NOT_FOUND',
  Unreachable: 'DEVICE_UNREACHABLE',
  LoginFailed: 'DEVICE_LOGIN_FAILED',
  Timeout: 'DEVICE_TIMEOUT',
  Rejected: 'DEVICE_REJECTED',
  Busy: 'DEVICE_BUSY',
  SessionClosed: 'DEVICE_SESSION_CLOSED',
  Unsupported: 'COMMAND_UNSUPPORTED',
  BadInput: 'COMMAND_BAD_INPUT',
  FtpDisabled: 'DEVICE_FTP_DISABLED',
  TransferFailed: 'DEVICE_TRANSFER_FAILED',
  ProtocolError: 'DEVICE_PROTOCOL_ERROR',
  JobFailed: 'DEVICE_JOB_FAILED',
} as const;
export type DeviceErrorCode = (typeof DeviceErrorCode)[keyof typeof DeviceErrorCode];

export class DeviceError extends Error {
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeviceError';
  }
}

export const isDeviceError = (e: unknown): e is DeviceError => e instanceof DeviceError;
