import { OtlpCodec, type EncodedBody, type OtlpEncoding } from '../../domain/runs/ports/otlp-codec.port';
import { type OtlpSpan } from '../../domain/runs/otlp-span';
import { type Result } from '../../domain/shared/result';
import { decodeOtlpTraces, otlpEncodingOf } from './otlp-trace-decoder';
import { encodeExportTraceResponse } from './otlp-trace-response';

export class NativeOtlpCodec extends OtlpCodec {
  encodingOf(contentType: string | undefined): OtlpEncoding | null {
    return otlpEncodingOf(contentType);
  }

  decode(body: Uint8Array, encoding: OtlpEncoding): Result<OtlpSpan[]> {
    return decodeOtlpTraces(encoding === 'json' ? Buffer.from(body).toString('utf8') : body, encoding);
  }

  response(encoding: OtlpEncoding, partial?: { rejectedSpans: number; errorMessage: string }): EncodedBody {
    return encodeExportTraceResponse(encoding, partial);
  }
}
