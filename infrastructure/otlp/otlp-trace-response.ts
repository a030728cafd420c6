import { ProtoWriter } from './protobuf-wire';

export type OtlpEncoding = 'protobuf' | 'json';

export const OTLP_CONTENT_TYPES: Record<OtlpEncoding, string> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

export interface OtlpResponse {
  /** The response must carry the request's content type (OTLP/HTTP spec). */
  readonly contentType: string;
  readonly body: Uint8Array;
}

export interface PartialSuccess {
  readonly rejectedSpans: number;
  /** Human-readable, in English; required when `rejectedSpans` is 0 (a warning on a full success). */
  readonly errorMessage: string;
}

/**
 * An `ExportTraceServiceResponse`. Without `partialSuccess` it is the empty message (zero bytes in
 * protobuf, `{}` in JSON), since the spec requires that field unset on full success.
 */
export function encodeExportTraceResponse(
  encoding: OtlpEncoding,
  partialSuccess?: PartialSuccess,
): OtlpResponse {
  const contentType = OTLP_CONTENT_TYPES[encoding];
  if (encoding === 'json') {
    const body = partialSuccess
      ? {
          partialSuccess: {
            // int64 is a decimal string in proto3 JSON.
            rejectedSpans: String(partialSuccess.rejectedSpans),
            errorMessage: partialSuccess.errorMessage,
          },
        }
      : {};
    return { contentType, body: new TextEncoder().encode(JSON.stringify(body)) };
  }
  const response = new ProtoWriter();
  if (partialSuccess) {
    const partial = new ProtoWriter();
    if (partialSuccess.rejectedSpans !== 0) partial.varintField(1, partialSuccess.rejectedSpans);
    if (partialSuccess.errorMessage !== '') partial.stringField(2, partialSuccess.errorMessage);
    response.messageField(1, partial);
  }
  return { contentType, body: response.finish() };
}

/**
 * A `google.rpc.Status` (code 1, message 2), the body OTLP/HTTP prescribes for 4xx and 5xx answers.
 * `code` is optional in OTLP; when given it is a gRPC code (3 INVALID_ARGUMENT, 8 RESOURCE_EXHAUSTED, ...).
 */
export function encodeOtlpStatus(encoding: OtlpEncoding, message: string, code?: number): OtlpResponse {
  const contentType = OTLP_CONTENT_TYPES[encoding];
  if (encoding === 'json') {
    const body = code === undefined ? { message } : { code, message };
    return { contentType, body: new TextEncoder().encode(JSON.stringify(body)) };
  }
  const status = new ProtoWriter();
  if (code !== undefined && code !== 0) status.varintField(1, code);
  if (message !== '') status.stringField(2, message);
  return { contentType, body: status.finish() };
}
