import type { ErrorCode } from '@crosspoint/protocol';

/** A failure a service reports on purpose: a stable code, a message for people, and an HTTP status. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
  static notFound(what: string): ServiceError {
    return new ServiceError('NOT_FOUND', `${what} was not found.`, 404);
  }
  static forbidden(message = 'Your role does not allow this.'): ServiceError {
    return new ServiceError('FORBIDDEN', message, 403);
  }
  static conflict(code: ErrorCode, message: string): ServiceError {
    return new ServiceError(code, message, 409);
  }
  static invalid(
    code: ErrorCode,
    message: string,
    details?: { path: string; message: string }[],
  ): ServiceError {
    return new ServiceError(code, message, 400, details);
  }
}
