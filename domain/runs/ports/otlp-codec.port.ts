import { type Result } from '../../shared/result';
import { type OtlpSpan } from '../otlp-span';

export type OtlpEncoding = 'protobuf' | 'json';

export interface EncodedBody {
  readonly contentType: string;
  readonly body: Uint8Array | string;
}

/** OTLP/HTTP trace export bodies, both encodings (opentelemetry-proto `ExportTraceServiceRequest`). */
export abstract class OtlpCodec {
  /** The encoding of a Content-Type, or null when it is not an OTLP one. */
  abstract encodingOf(contentType: string | undefined): OtlpEncoding | null;
  abstract decode(body: Uint8Array, encoding: OtlpEncoding): Result<OtlpSpan[]>;
  /** The success answer; with rejected spans, a partial success. */
  abstract response(
    encoding: OtlpEncoding,
    partial?: { rejectedSpans: number; errorMessage: string },
  ): EncodedBody;
}
