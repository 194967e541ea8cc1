import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ErrorCode,
  multilineTextPattern,
  textPattern,
  textRuleMessage,
  type ErrorBody,
} from '@crosspoint/protocol';
import { ServiceError } from '../services/service-error.ts';

const byFastifyCode: Record<string, { status: number; code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: ErrorCode.UnsupportedMediaType },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: ErrorCode.PayloadTooLarge,
    message: 'The request body is too large.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: ErrorCode.BadRequest,
    message: 'The JSON body is empty.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: ErrorCode.BadRequest },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: ErrorCode.UriTooLong, message: 'The address is too long.' },
  FST_ERR_BAD_URL: { status: 400, code: ErrorCode.BadRequest, message: 'The address is malformed.' },
};

const textPatterns = new Set([textPattern, multilineTextPattern]);
/** Ajv's words for one failed rule; the text rule's own pattern would mean nothing to people. */
const ruleMessage = (v: { keyword?: string; params?: Record<string, unknown>; message?: string }): string =>
  v.keyword === 'pattern' && textPatterns.has(String(v.params?.pattern))
    ? textRuleMessage
    : (v.message ?? 'is invalid');

const codeForStatus = (status: number): ErrorCode => {
  if (status === 401) return ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 409) return ErrorCode.Conflict;
  if (status === 413) return ErrorCode.PayloadTooLarge;
  if (status === 415) return ErrorCode.UnsupportedMediaType;
  if (status === 429) return ErrorCode.RateLimited;
  return ErrorCode.BadRequest;
};

function toErrorBody(
  error: FastifyError | ServiceError | Error,
  requestId: string,
): { status: number; body: ErrorBody } {
  if (error instanceof ServiceError) {
    const details = error.details ? { details: error.details } : {};
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, ...details, requestId } },
    };
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const details = fe.validation.map((v) => ({
      path: `/${fe.validationContext ?? 'body'}${v.instancePath}`,
      message: ruleMessage(v),
    }));
    const message = `The request is invalid: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}.`;
    return {
      status: 400,
      body: { error: { code: ErrorCode.ValidationFailed, message, details, requestId } },
    };
  }
  const known = fe.code ? byFastifyCode[fe.code] : undefined;
  if (known) {
    return {
      status: known.status,
      body: { error: { code: known.code, message: known.message ?? fe.message, requestId } },
    };
  }
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
    const message = fe instanceof SyntaxError ? 'The body is not valid JSON.' : fe.message;
    return {
      status: fe.statusCode,
      body: { error: { code: codeForStatus(fe.statusCode), message, requestId } },
    };
  }
  return {
    status: 500,
    body: {
      error: {
        code: ErrorCode.Internal,
        message: 'Something went wrong on our side; it has been logged.',
        requestId,
      },
    },
  };
}

function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorBody(error, request.id);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.status(status).send(body);
}

/** One JSON error shape for every failure, including unknown routes; never a stack trace to the client. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(answerError);
}

/**
 * Fastify's `frameworkErrors` option: what the router refuses before any route (a malformed
 * percent-escape, a path segment past `maxParamLength`, 414) answers the one shape too.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void answerError(error, request, reply);
}

export function notFoundBody(method: string, url: string, requestId: string): ErrorBody {
  return {
    error: {
      code: ErrorCode.NotFound,
      message: `No route for ${method} ${url.split('?')[0] ?? url}.`,
      requestId,
    },
  };
}
