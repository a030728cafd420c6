import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { encodeExportTraceResponse, encodeOtlpStatus } from './otlp-trace-response';
import { ProtoReader } from './protobuf-wire';

describe('encodeExportTraceResponse', () => {
  it('answers a full success with the empty message in protobuf', () => {
    const response = encodeExportTraceResponse('protobuf');
    expect(response).toEqual({ contentType: 'application/x-protobuf', body: new Uint8Array() });
    expect(ProtobufTraceSerializer.deserializeResponse(response.body).partialSuccess).toBeFalsy();
  });

  it('answers a full success with {} in JSON', () => {
    const response = encodeExportTraceResponse('json');
    expect(response.contentType).toBe('application/json');
    expect(JsonTraceSerializer.deserializeResponse(response.body)).toEqual({});
  });

  it('reports a partial success that the SDK reads back, in protobuf', () => {
    const response = encodeExportTraceResponse('protobuf', {
      rejectedSpans: 3,
      errorMessage: '3 spans had no trace id',
    });
    const { partialSuccess } = ProtobufTraceSerializer.deserializeResponse(response.body);
    expect(Number(String(partialSuccess?.rejectedSpans))).toBe(3);
    expect(partialSuccess?.errorMessage).toBe('3 spans had no trace id');
  });

  it('reports a partial success in JSON with int64 as a decimal string', () => {
    const response = encodeExportTraceResponse('json', { rejectedSpans: 2, errorMessage: 'too old' });
    expect(JsonTraceSerializer.deserializeResponse(response.body)).toEqual({
      partialSuccess: { rejectedSpans: '2', errorMessage: 'too old' },
    });
  });

  it('can carry a warning with no rejected spans', () => {
    const response = encodeExportTraceResponse('protobuf', {
      rejectedSpans: 0,
      errorMessage: 'attributes truncated',
    });
    const { partialSuccess } = ProtobufTraceSerializer.deserializeResponse(response.body);
    expect(partialSuccess?.errorMessage).toBe('attributes truncated');
    expect(Number(String(partialSuccess?.rejectedSpans ?? 0))).toBe(0);
  });
});

describe('encodeOtlpStatus', () => {
  it('encodes a google.rpc.Status in protobuf', () => {
    const { contentType, body } = encodeOtlpStatus('protobuf', 'bad span id', 3);
    expect(contentType).toBe('application/x-protobuf');
    const reader = new ProtoReader(body, 'status');
    const fields: Record<number, unknown> = {};
    while (!reader.done) {
      const { field } = reader.tag();
      fields[field] = field === 1 ? reader.varint() : reader.string();
    }
    expect(fields).toEqual({ 1: 3, 2: 'bad span id' });
  });

  it('encodes a google.rpc.Status in JSON', () => {
    const { body } = encodeOtlpStatus('json', 'bad span id');
    expect(JSON.parse(new TextDecoder().decode(body))).toEqual({ message: 'bad span id' });
  });
});
