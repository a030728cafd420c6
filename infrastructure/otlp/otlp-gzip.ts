import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';

const gunzipAsync = promisify(gunzip);

/** The OTLP spec's recommended limit for a request body, before and after decompression. */
export const DEFAULT_MAX_OTLP_BODY_BYTES = 20 * 1024 * 1024;

/**
 * The failure reasons a caller maps to HTTP: `too_large` to 413 Content Too Large, the others to 400
 * (or 415 for an unsupported encoding).
 */
export const OTLP_BODY_ERRORS = {
  tooLarge: 'too_large',
  badGzip: 'invalid_gzip',
  unsupportedEncoding: 'unsupported_content_encoding',
} as const;

/**
 * Gunzips a request body, refusing output beyond `maxBytes` while inflating (zlib stops at the limit),
 * so a small compressed body cannot expand into gigabytes of memory.
 */
export async function gunzipLimited(
  body: Uint8Array,
  maxBytes: number = DEFAULT_MAX_OTLP_BODY_BYTES,
): Promise<Result<Buffer>> {
  try {
    return ok(await gunzipAsync(body, { maxOutputLength: maxBytes }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return err(
        DomainError.validation(
          `the decompressed body exceeds ${maxBytes} bytes`,
          [{ path: 'body', message: `must decompress to at most ${maxBytes} bytes` }],
          OTLP_BODY_ERRORS.tooLarge,
        ),
      );
    }
    return err(
      DomainError.validation(
        `the body is not valid gzip: ${(error as Error).message}`,
        [{ path: 'body', message: 'must be valid gzip' }],
        OTLP_BODY_ERRORS.badGzip,
      ),
    );
  }
}

/**
 * Applies a `Content-Encoding` header: `gzip` (or `x-gzip`) inflates within `maxBytes`; none or
 * `identity` passes the body through, still within `maxBytes`; anything else is refused, since OTLP
 * servers must support only none and gzip.
 */
export async function decodeContentEncoding(
  body: Uint8Array,
  contentEncoding: string | undefined,
  maxBytes: number = DEFAULT_MAX_OTLP_BODY_BYTES,
): Promise<Result<Uint8Array>> {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipLimited(body, maxBytes);
  if (encoding !== '' && encoding !== 'identity') {
    return err(
      DomainError.validation(
        `Content-Encoding ${contentEncoding} is not supported; use gzip or none`,
        [{ path: 'content-encoding', message: 'must be gzip or absent' }],
        OTLP_BODY_ERRORS.unsupportedEncoding,
      ),
    );
  }
  if (body.byteLength > maxBytes) {
    return err(
      DomainError.validation(
        `the body exceeds ${maxBytes} bytes`,
        [{ path: 'body', message: `must be at most ${maxBytes} bytes` }],
        OTLP_BODY_ERRORS.tooLarge,
      ),
    );
  }
  return ok(body);
}
