import { type OtlpSpan } from '../../domain/runs/otlp-span';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { decodeJsonTraceRequest } from './otlp-trace-json';
import { decodeProtobufTraceRequest } from './otlp-trace-protobuf';
import { type OtlpEncoding } from './otlp-trace-response';
import { MalformedOtlp } from './otlp-values';

export { type OtlpEncoding } from './otlp-trace-response';

/** The validation reasons a decoder failure carries, so the route can answer 400 or 415. */
export const OTLP_DECODE_ERRORS = {
  malformed: 'malformed_otlp',
  unsupportedMediaType: 'unsupported_media_type',
} as const;

/**
 * The OTLP encoding a `Content-Type` names: `application/x-protobuf` (also `application/protobuf`) or
 * `application/json`, parameters such as `charset` ignored. Null for anything else (answer 415).
 */
export function otlpEncodingOf(contentType: string | undefined): OtlpEncoding | null {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/x-protobuf' || mediaType === 'application/protobuf') return 'protobuf';
  if (mediaType === 'application/json') return 'json';
  return null;
}

/**
 * Decodes an OTLP/HTTP `ExportTraceServiceRequest` body (already gunzipped, see `decodeContentEncoding`)
 * into normalized spans. Bad input (truncated or garbage protobuf, invalid JSON, ids of the wrong length
 * or all zeroes, values of the wrong type) is a validation error naming the offending field; the whole
 * request is refused, as OTLP treats undecodable data as a permanent failure (HTTP 400).
 */
export function decodeOtlpTraces(body: Uint8Array | string, encoding: OtlpEncoding): Result<OtlpSpan[]> {
  try {
    if (encoding === 'json') {
      const text = typeof body === 'string' ? body : new TextDecoder('utf-8').decode(body);
      return ok(decodeJsonTraceRequest(text));
    }
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    return ok(decodeProtobufTraceRequest(bytes));
  } catch (error) {
    if (!(error instanceof MalformedOtlp)) throw error;
    const where = error.path === '' ? 'the body' : error.path;
    return err(
      DomainError.validation(
        `invalid OTLP ${encoding === 'json' ? 'JSON' : 'protobuf'} trace export: ${where} ${error.message}`,
        [{ path: error.path, message: error.message }],
        OTLP_DECODE_ERRORS.malformed,
      ),
    );
  }
}
