import type { ErrorCode } from '@crosspoint/protocol';

/** A failure a service reports on purpose: a stable code, a message for people, and an HTTP status. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
  static notFound(what: string): ServiceError {
    return new ServiceError('NOT_FOUND', `${what} was not found.`, 404);
  }
}
