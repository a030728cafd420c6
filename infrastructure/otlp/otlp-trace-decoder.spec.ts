import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import fc from 'fast-check';
import { type OtlpSpan } from '../../domain/runs/otlp-span';
import { failure, unwrap } from '../../test/support/results';
import { decodeOtlpTraces, otlpEncodingOf, type OtlpEncoding } from './otlp-trace-decoder';
import { ProtoWriter } from './protobuf-wire';

const SERIALIZERS = {
  protobuf: (spans: ReadableSpan[]) => ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array,
  json: (spans: ReadableSpan[]) => JsonTraceSerializer.serializeRequest(spans) as Uint8Array,
} satisfies Record<OtlpEncoding, unknown>;
const ENCODINGS = Object.keys(SERIALIZERS) as OtlpEncoding[];

/** Real SDK spans: a provider with an in-memory exporter, ended with nanosecond timestamps. */
function recordSpans(
  build: (tracer: ReturnType<BasicTracerProvider['getTracer']>) => void,
  resource: Record<string, string | number> = {
    'service.name': 'billing-agent',
    'service.version': '1.4.2',
    'host.cores': 8,
  },
): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  build(provider.getTracer('cockpit-test', '0.9.1'));
  return exporter.getFinishedSpans();
}

/** The SDK refuses kvlist and bytes attributes, which OTLP carries; the serializer encodes them as given. */
function withAttributes(span: ReadableSpan, extra: Record<string, unknown>): ReadableSpan {
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status,
    attributes: { ...span.attributes, ...extra } as ReadableSpan['attributes'],
    links: span.links,
    events: span.events,
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

function agentTrace(): ReadableSpan[] {
  const spans = recordSpans((tracer) => {
    const root = tracer.startSpan('invoke_agent billing', {
      kind: SpanKind.SERVER,
      startTime: [1_795_000_000, 123_456_789],
    });
    const call = tracer.startSpan(
      'chat gpt-4o',
      {
        kind: SpanKind.CLIENT,
        startTime: [1_795_000_000, 500_000_000],
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.usage.input_tokens': 1200,
          'gen_ai.request.temperature': 0.25,
          'gen_ai.request.stream': false,
          'gen_ai.response.finish_reasons': ['stop', 'length'],
          'gen_ai.token.counts': [3, 5, 8],
        },
      },
      trace.setSpan(ROOT_CONTEXT, root),
    );
    call.addEvent(
      'gen_ai.user.message',
      { content: 'Refund order 42', 'retry.count': 2 },
      [1_795_000_000, 600_000_001],
    );
    call.setStatus({ code: SpanStatusCode.ERROR, message: 'rate limited' });
    call.end([1_795_000_001, 0]);
    const tool = tracer.startSpan(
      'execute_tool refund',
      { startTime: [1_795_000_001, 250_000] },
      trace.setSpan(ROOT_CONTEXT, root),
    );
    tool.setStatus({ code: SpanStatusCode.OK });
    tool.end([1_795_000_001, 900_000]);
    root.end([1_795_000_002, 5]);
  });
  return spans.map((span) =>
    span.name === 'chat gpt-4o'
      ? withAttributes(span, {
          'gen_ai.request': { model: 'gpt-4o', params: { top_p: 1, stop: ['\n'] } },
          'image.thumbnail': new Uint8Array([0, 1, 2, 250, 255]),
        })
      : span,
  );
}

const byName = (spans: OtlpSpan[], name: string): OtlpSpan => spans.find((s) => s.name === name) as OtlpSpan;

describe.each(ENCODINGS)('decoding a real SDK export (%s)', (encoding) => {
  const recorded = agentTrace();
  const spans = unwrap(decodeOtlpTraces(SERIALIZERS[encoding](recorded), encoding));
  const root = byName(spans, 'invoke_agent billing');
  const call = byName(spans, 'chat gpt-4o');
  const tool = byName(spans, 'execute_tool refund');

  it('recovers every span with its trace, span and parent ids', () => {
    expect(spans).toHaveLength(3);
    const rootContext = recorded.find((s) => s.name === 'invoke_agent billing')!.spanContext();
    expect(root).toMatchObject({
      traceId: rootContext.traceId,
      spanId: rootContext.spanId,
      parentSpanId: null,
    });
    expect(call.parentSpanId).toBe(root.spanId);
    expect(tool.parentSpanId).toBe(root.spanId);
    for (const span of spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('keeps start and end times to the nanosecond', () => {
    expect(root.startTime).toBe('2026-11-18T11:06:40.123456789Z');
    expect(root.endTime).toBe('2026-11-18T11:06:42.000000005Z');
    expect(call.startTime).toBe('2026-11-18T11:06:40.500Z');
    expect(call.endTime).toBe('2026-11-18T11:06:41.000Z');
    expect(tool.startTime).toBe('2026-11-18T11:06:41.000250Z');
  });

  it('maps span kinds to the OTLP enum', () => {
    expect([root.kind, call.kind, tool.kind]).toEqual([2, 3, 1]);
  });

  it('recovers attributes of every type', () => {
    expect(call.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.request.temperature': 0.25,
      'gen_ai.request.stream': false,
      'gen_ai.response.finish_reasons': ['stop', 'length'],
      'gen_ai.token.counts': [3, 5, 8],
      'gen_ai.request': { model: 'gpt-4o', params: { top_p: 1, stop: ['\n'] } },
      'image.thumbnail': Buffer.from([0, 1, 2, 250, 255]).toString('base64'),
    });
  });

  it('recovers events with their time and attributes', () => {
    expect(call.events).toEqual([
      {
        name: 'gen_ai.user.message',
        time: '2026-11-18T11:06:40.600000001Z',
        attributes: { content: 'Refund order 42', 'retry.count': 2 },
      },
    ]);
  });

  it('recovers status codes and messages', () => {
    expect(call.status).toEqual({ code: 2, message: 'rate limited' });
    expect(tool.status).toEqual({ code: 1, message: '' });
    expect(root.status).toEqual({ code: 0, message: '' });
  });

  it('gives every span its resource and instrumentation scope', () => {
    for (const span of spans) {
      expect(span.resource).toMatchObject({
        'service.name': 'billing-agent',
        'service.version': '1.4.2',
        'host.cores': 8,
      });
      expect(span.scope).toEqual({ name: 'cockpit-test', version: '0.9.1' });
    }
  });
});

describe('decoding both encodings', () => {
  it('yields the same spans from protobuf and JSON', () => {
    const recorded = agentTrace();
    const fromProtobuf = unwrap(decodeOtlpTraces(SERIALIZERS.protobuf(recorded), 'protobuf'));
    expect(unwrap(decodeOtlpTraces(SERIALIZERS.json(recorded), 'json'))).toEqual(fromProtobuf);
  });

  it.each(ENCODINGS)('keeps each resource with its own spans (%s)', (encoding) => {
    const billing = recordSpans((tracer) => tracer.startSpan('billing').end(), { 'service.name': 'billing' });
    const search = recordSpans((tracer) => tracer.startSpan('search').end(), { 'service.name': 'search' });
    const spans = unwrap(decodeOtlpTraces(SERIALIZERS[encoding]([...billing, ...search]), encoding));
    expect(spans.map((s) => [s.name, s.resource['service.name']])).toEqual([
      ['billing', 'billing'],
      ['search', 'search'],
    ]);
  });

  it.each(ENCODINGS)('reads an empty request as no spans (%s)', (encoding) => {
    expect(decodeOtlpTraces(encoding === 'json' ? '{}' : new Uint8Array(), encoding)).toEqual({
      ok: true,
      value: [],
    });
  });
});

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';
const jsonRequest = (span: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    resourceSpans: [
      { resource: { attributes: [] }, scopeSpans: [{ scope: { name: 's' }, spans: [span] }], ...extra },
    ],
  });
const jsonSpan = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  traceId: TRACE_ID,
  spanId: SPAN_ID,
  name: 'op',
  startTimeUnixNano: '1795000000000000000',
  endTimeUnixNano: '1795000001000000000',
  ...fields,
});
const decodeJson = (span: Record<string, unknown>) => decodeOtlpTraces(jsonRequest(span), 'json');

describe('decoding OTLP JSON', () => {
  it('reads ids in any case, int64 as numbers or strings, and enum names', () => {
    const [span] = unwrap(
      decodeJson(
        jsonSpan({
          traceId: TRACE_ID.toUpperCase(),
          parentSpanId: '',
          startTimeUnixNano: 1_795_000_000_000_000_000,
          kind: 'SPAN_KIND_CLIENT',
          status: { code: 'STATUS_CODE_ERROR' },
          attributes: [
            { key: 'big', value: { intValue: '9007199254740993' } },
            { key: 'small', value: { intValue: 7 } },
            { key: 'nan', value: { doubleValue: 'NaN' } },
            { key: 'empty', value: {} },
            { key: 'future', value: { someNewValue: 1 } },
          ],
          someFutureField: { ignored: true },
        }),
      ),
    );
    expect(span).toMatchObject({
      traceId: TRACE_ID,
      parentSpanId: null,
      kind: 3,
      status: { code: 2, message: '' },
    });
    expect(span.startTime).toBe('2026-11-18T11:06:40.000Z');
    expect(span.attributes).toEqual({
      big: '9007199254740993',
      small: 7,
      nan: 'NaN',
      empty: null,
      future: null,
    });
  });

  it('reads base64 ids, which some exporters send instead of hex', () => {
    const [span] = unwrap(decodeJson(jsonSpan({ traceId: Buffer.from(TRACE_ID, 'hex').toString('base64') })));
    expect(span.traceId).toBe(TRACE_ID);
  });

  it('reads a span without an end time as not ended', () => {
    expect(unwrap(decodeJson(jsonSpan({ endTimeUnixNano: undefined })))[0].endTime).toBeNull();
  });

  it('reads the pre-1.0 instrumentationLibrarySpans', () => {
    const body = JSON.stringify({
      resourceSpans: [
        {
          instrumentationLibrarySpans: [
            { instrumentationLibrary: { name: 'old', version: '0.1' }, spans: [jsonSpan()] },
          ],
        },
      ],
    });
    expect(unwrap(decodeOtlpTraces(body, 'json'))[0].scope).toEqual({ name: 'old', version: '0.1' });
  });

  it('keeps a __proto__ attribute key as data', () => {
    const [span] = unwrap(
      decodeJson(jsonSpan({ attributes: [{ key: '__proto__', value: { stringValue: 'x' } }] })),
    );
    expect(Object.getOwnPropertyDescriptor(span.attributes, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(span.attributes)).toBe(Object.prototype);
  });

  it.each([
    ['text that is not JSON', '{"resourceSpans": ['],
    ['a JSON array', '[]'],
    ['resourceSpans that is not an array', '{"resourceSpans": {}}'],
    ['a trace id of the wrong length', jsonRequest(jsonSpan({ traceId: 'abcd' }))],
    ['a missing span id', jsonRequest(jsonSpan({ spanId: undefined }))],
    ['an all-zero trace id', jsonRequest(jsonSpan({ traceId: '0'.repeat(32) }))],
    ['a parent span id that is not hex', jsonRequest(jsonSpan({ parentSpanId: 'zzzzzzzzzzzzzzzz' }))],
    ['a negative timestamp', jsonRequest(jsonSpan({ startTimeUnixNano: '-5' }))],
    ['a fractional timestamp', jsonRequest(jsonSpan({ startTimeUnixNano: 1.5 }))],
    ['a timestamp past uint64', jsonRequest(jsonSpan({ startTimeUnixNano: '18446744073709551616' }))],
    ['a name that is not a string', jsonRequest(jsonSpan({ name: 12 }))],
    ['an unknown enum name', jsonRequest(jsonSpan({ kind: 'SPAN_KIND_SIDEWAYS' }))],
    [
      'a bool attribute that is a string',
      jsonRequest(jsonSpan({ attributes: [{ key: 'b', value: { boolValue: 'yes' } }] })),
    ],
    [
      'bytes that are not base64',
      jsonRequest(jsonSpan({ attributes: [{ key: 'b', value: { bytesValue: '!!' } }] })),
    ],
  ])('refuses %s', (_label, body) => {
    expect(decodeOtlpTraces(body, 'json')).toEqual(failure('validation', 'malformed_otlp'));
  });

  it('names the offending field', () => {
    const result = decodeJson(jsonSpan({ spanId: 'abc' }));
    expect(result.ok ? null : result.error.fields).toEqual([
      { path: 'resourceSpans[0].scopeSpans[0].spans[0].spanId', message: 'must be 16 hex digits' },
    ]);
  });

  it('refuses values nested deeper than the limit instead of recursing', () => {
    let value: Record<string, unknown> = { stringValue: 'leaf' };
    for (let i = 0; i < 40; i++) value = { arrayValue: { values: [value] } };
    expect(decodeJson(jsonSpan({ attributes: [{ key: 'deep', value }] }))).toEqual(
      failure('validation', 'malformed_otlp'),
    );
  });
});

/** A protobuf request with one span, built field by field to produce what no SDK would send. */
function protobufRequest(span: (writer: ProtoWriter) => ProtoWriter): Uint8Array {
  const scopeSpans = new ProtoWriter().messageField(2, span(new ProtoWriter()));
  return new ProtoWriter().messageField(1, new ProtoWriter().messageField(2, scopeSpans)).finish();
}
const ids = (writer: ProtoWriter): ProtoWriter =>
  writer.bytesField(1, Buffer.from(TRACE_ID, 'hex')).bytesField(2, Buffer.from(SPAN_ID, 'hex'));

describe('decoding binary protobuf', () => {
  it('reads a hand-built span, skipping fields it does not know', () => {
    const body = protobufRequest((w) =>
      ids(w).stringField(5, 'op').varintField(99, 1).stringField(3, 'vendor=1'),
    );
    expect(unwrap(decodeOtlpTraces(body, 'protobuf'))).toEqual([
      expect.objectContaining({ traceId: TRACE_ID, spanId: SPAN_ID, name: 'op', endTime: null, kind: 0 }),
    ]);
  });

  it('reads int64 attributes beyond 2^53 as decimal strings and negative ones as numbers', () => {
    const attribute = (key: string, value: bigint) =>
      new ProtoWriter().stringField(1, key).messageField(2, new ProtoWriter().varintField(3, value));
    const body = protobufRequest((w) =>
      ids(w)
        .messageField(9, attribute('big', 2n ** 62n))
        .messageField(9, attribute('negative', -42n)),
    );
    expect(unwrap(decodeOtlpTraces(body, 'protobuf'))[0].attributes).toEqual({
      big: (2n ** 62n).toString(),
      negative: -42,
    });
  });

  it('refuses values nested deeper than the limit instead of recursing', () => {
    let value = new ProtoWriter().stringField(1, 'leaf');
    for (let i = 0; i < 40; i++) {
      value = new ProtoWriter().messageField(5, new ProtoWriter().messageField(1, value));
    }
    const body = protobufRequest((w) =>
      ids(w).messageField(9, new ProtoWriter().stringField(1, 'deep').messageField(2, value)),
    );
    expect(decodeOtlpTraces(body, 'protobuf')).toEqual(failure('validation', 'malformed_otlp'));
  });

  it('refuses every truncation of a real export', () => {
    const body = SERIALIZERS.protobuf(agentTrace());
    for (let length = 1; length < body.length; length++) {
      expect(decodeOtlpTraces(body.subarray(0, length), 'protobuf')).toEqual(
        failure('validation', 'malformed_otlp'),
      );
    }
  });

  it.each([
    [
      'a trace id of 15 bytes',
      (w: ProtoWriter) =>
        w.bytesField(1, new Uint8Array(15).fill(1)).bytesField(2, new Uint8Array(8).fill(1)),
    ],
    [
      'a span id of 9 bytes',
      (w: ProtoWriter) =>
        w.bytesField(1, new Uint8Array(16).fill(1)).bytesField(2, new Uint8Array(9).fill(1)),
    ],
    ['no trace id', (w: ProtoWriter) => w.bytesField(2, new Uint8Array(8).fill(1))],
    [
      'an all-zero span id',
      (w: ProtoWriter) => w.bytesField(1, new Uint8Array(16).fill(1)).bytesField(2, new Uint8Array(8)),
    ],
    ['a parent span id of 4 bytes', (w: ProtoWriter) => ids(w).bytesField(4, new Uint8Array(4).fill(1))],
    ['a name sent as a varint', (w: ProtoWriter) => ids(w).varintField(5, 3)],
  ])('refuses %s', (_label, span) => {
    expect(decodeOtlpTraces(protobufRequest(span), 'protobuf')).toEqual(
      failure('validation', 'malformed_otlp'),
    );
  });

  it('refuses text sent as protobuf', () => {
    expect(decodeOtlpTraces('{"resourceSpans": []}', 'protobuf')).toEqual(
      failure('validation', 'malformed_otlp'),
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = decodeOtlpTraces(bytes, 'protobuf');
        expect(result.ok || result.error.code === 'validation').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on corrupted real exports', () => {
    const body = SERIALIZERS.protobuf(agentTrace());
    fc.assert(
      fc.property(fc.nat(body.length - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const corrupted = Uint8Array.from(body);
        corrupted[at] = byte;
        const result = decodeOtlpTraces(corrupted, 'protobuf');
        expect(result.ok || result.error.code === 'validation').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('otlpEncodingOf', () => {
  it.each([
    ['application/x-protobuf', 'protobuf'],
    ['application/protobuf', 'protobuf'],
    ['application/json', 'json'],
    ['Application/JSON; charset=utf-8', 'json'],
    ['text/plain', null],
    [undefined, null],
  ])('reads %s as %s', (contentType, encoding) => {
    expect(otlpEncodingOf(contentType)).toBe(encoding);
  });
});
