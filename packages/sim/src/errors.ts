/**
 * Stable error codes of the simulator. Callers (CLI, control API clients, tests) branch on `code`;
 * the message is for people. A code is never renamed.
 */
export const SimErrorCode = {
  SiteNotFound: 'SIM_SITE_NOT_FOUND',
  SiteTooLarge: 'SIM_SITE_TOO_LARGE',
  SiteParse: 'SIM_SITE_PARSE',
  SiteInvalid: 'SIM_SITE_INVALID',
  BadRequest: 'SIM_BAD_REQUEST',
  UnknownTarget: 'SIM_UNKNOWN_TARGET',
  UnknownFault: 'SIM_UNKNOWN_FAULT',
  BadFaultParams: 'SIM_BAD_FAULT_PARAMS',
  FaultNotApplicable: 'SIM_FAULT_NOT_APPLICABLE',
  ListenFailed: 'SIM_LISTEN_FAILED',
  BadProject: 'SIM_BAD_PROJECT',
  BadArguments: 'SIM_BAD_ARGUMENTS',
} as const;
export type SimErrorCode = (typeof SimErrorCode)[keyof typeof SimErrorCode];

export interface SimProblem {
  path: string;
  message: string;
}

export class SimError extends Error {
  constructor(
    readonly code: SimErrorCode,
    message: string,
    readonly details: SimProblem[] = [],
  ) {
    super(
      details.length
        ? `${message}\n  - ${details.map((d) => `${d.path || '/'}: ${d.message}`).join('\n  - ')}`
        : message,
    );
    this.name = 'SimError';
  }
}

export const isSimError = (e: unknown): e is SimError => e instanceof SimError;
