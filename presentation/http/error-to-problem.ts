import { HttpException } from '@nestjs/common';
import { ZodError } from 'zod';
import { type ProblemDetails, ProblemException, problemType, titleFor } from './problem';

export interface ProblemResponse {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;
  /** Unexpected failures are logged with their stack; the client never sees it. */
  readonly unexpected: boolean;
}

const FASTIFY_CODES: Readonly<Record<string, { status: number; slug: string; detail: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    slug: 'body-too-large',
    detail: 'the request body is larger than allowed',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    slug: 'unsupported-media-type',
    detail: 'send the body as application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, slug: 'invalid-json', detail: 'the JSON body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    slug: 'bad-request',
    detail: 'content-length does not match the body',
  },
};

/**
 * Maps anything thrown while serving a request to problem+json: our own problems, zod failures,
 * Nest HTTP exceptions, Fastify's parser errors and the rate limiter. Unknown errors become a
 * plain 500 with no detail.
 */
export function errorToProblem(error: unknown, instance: string): ProblemResponse {
  const done = (
    problem: ProblemDetails,
    headers: Record<string, string> = {},
    unexpected = false,
  ): ProblemResponse => ({
    problem: { ...problem, instance },
    headers,
    unexpected,
  });

  if (error instanceof ProblemException) return done(error.problem, { ...error.headers });
  // Nest wraps Fastify's own errors (parser, body limit, rate limiter) and keeps them as `cause`.
  if (error instanceof HttpException && isFastifyError(error.cause))
    return errorToProblem(error.cause, instance);
  if (error instanceof ZodError) return done(validationProblem(error, 'body'));
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const slug = status === 404 ? 'not-found' : status === 405 ? 'method-not-allowed' : `http-${status}`;
    const detail = status === 404 ? 'no route matches this method and path' : error.message;
    return done({ type: problemType(slug), title: titleFor(status), status, detail }, {}, status >= 500);
  }
  const fastify = error as { code?: string; statusCode?: number; message?: string };
  if (fastify.statusCode === 429) {
    return done({
      type: problemType('rate-limited'),
      title: titleFor(429),
      status: 429,
      detail: fastify.message ?? 'too many requests',
    });
  }
  const known = fastify.code ? FASTIFY_CODES[fastify.code] : undefined;
  if (known)
    return done({
      type: problemType(known.slug),
      title: titleFor(known.status),
      status: known.status,
      detail: known.detail,
    });
  if (error instanceof SyntaxError || fastify.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return done({
      type: problemType('invalid-json'),
      title: titleFor(400),
      status: 400,
      detail: 'the body is not valid JSON',
    });
  }
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const status = fastify.statusCode;
    return done({
      type: problemType(`http-${status}`),
      title: titleFor(status),
      status,
      detail: fastify.message,
    });
  }
  return done(
    {
      type: problemType('internal'),
      title: titleFor(500),
      status: 500,
      detail: 'an unexpected error occurred',
    },
    {},
    true,
  );
}

function isFastifyError(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { statusCode?: unknown }).statusCode === 'number'
  );
}

export function validationProblem(error: ZodError, location: 'body' | 'query' | 'path'): ProblemDetails {
  const errors = error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return {
    type: problemType('validation'),
    title: titleFor(400),
    status: 400,
    detail: `the request ${location} is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    code: 'validation',
    errors,
  };
}
