import { setOwn } from '../../domain/shared/own-property';
import {
  type Attributes,
  type AttrValue,
  type OtlpSpan,
  type OtlpSpanEvent,
} from '../../domain/runs/otlp-span';
import {
  MAX_VALUE_DEPTH,
  bytesToBase64,
  doubleToAttr,
  idFromBytes,
  int64ToAttr,
  nanosToIso,
  spanKindOf,
  statusCodeOf,
} from './otlp-values';
import { ProtoReader, WIRE } from './protobuf-wire';

/**
 * Binary protobuf `ExportTraceServiceRequest` (opentelemetry-proto collector/trace/v1) to normalized spans.
 * Field numbers are those of trace/v1/trace.proto, common/v1/common.proto and resource/v1/resource.proto.
 * Throws MalformedOtlp; the public entry point turns that into a validation error.
 */
export function decodeProtobufTraceRequest(body: Uint8Array): OtlpSpan[] {
  const spans: OtlpSpan[] = [];
  const reader = new ProtoReader(body, 'resourceSpans');
  let resourceIndex = 0;
  while (!reader.done) {
    const { field, wire } = reader.tag();
    if (field === 1) {
      reader.expect(wire, WIRE.len, 'resource_spans');
      spans.push(...readResourceSpans(reader.message(`resourceSpans[${resourceIndex++}]`)));
    } else reader.skip(wire);
  }
  return spans;
}

type PartialSpan = Omit<OtlpSpan, 'resource' | 'scope'>;

function readResourceSpans(reader: ProtoReader): OtlpSpan[] {
  let resource: Attributes = {};
  const groups: { scope: OtlpSpan['scope']; spans: PartialSpan[] }[] = [];
  while (!reader.done) {
    const { field, wire } = reader.tag();
    if (field === 1) {
      reader.expect(wire, WIRE.len, 'resource');
      resource = { ...resource, ...readResource(reader.message(`${reader.path}.resource`)) };
    } else if (field === 2 || field === 1000) {
      // 1000 is the pre-1.0 `instrumentation_library_spans`, laid out like ScopeSpans; old SDKs still send it.
      reader.expect(wire, WIRE.len, 'scope_spans');
      groups.push(readScopeSpans(reader.message(`${reader.path}.scopeSpans[${groups.length}]`)));
    } else reader.skip(wire);
  }
  return groups.flatMap(({ scope, spans }) => spans.map((span) => ({ ...span, resource, scope })));
}

function readResource(reader: ProtoReader): Attributes {
  const attributes: Attributes = {};
  while (!reader.done) {
    const { field, wire } = reader.tag();
    if (field === 1) {
      reader.expect(wire, WIRE.len, 'attributes');
      readKeyValue(reader.message(`${reader.path}.attributes`), attributes, 0);
    } else reader.skip(wire);
  }
  return attributes;
}

function readScopeSpans(reader: ProtoReader): { scope: OtlpSpan['scope']; spans: PartialSpan[] } {
  let scope = { name: '', version: '' };
  const spans: PartialSpan[] = [];
  while (!reader.done) {
    const { field, wire } = reader.tag();
    if (field === 1) {
      reader.expect(wire, WIRE.len, 'scope');
      scope = readScope(reader.message(`${reader.path}.scope`), scope);
    } else if (field === 2) {
      reader.expect(wire, WIRE.len, 'spans');
      spans.push(readSpan(reader.message(`${reader.path}.spans[${spans.length}]`)));
    } else reader.skip(wire);
  }
  return { scope, spans };
}

function readScope(reader: ProtoReader, scope: OtlpSpan['scope']): OtlpSpan['scope'] {
  let { name, version } = scope;
  while (!reader.done) {
    const { field, wire } = reader.tag();
    if (field === 1 || field === 2) {
      reader.expect(wire, WIRE.len, field === 1 ? 'name' : 'version');
      if (field === 1) name = reader.string();
      else version = reader.string();
    } else reader.skip(wire);
  }
  return { name, version };
}

function readSpan(reader: ProtoReader): PartialSpan {
  const path = reader.path;
  let traceId: Uint8Array | null = null;
  let spanId: Uint8Array | null = null;
  let parentSpanId: Uint8Array = new Uint8Array();
  let name = '';
  let kind = 0;
  let start = 0n;
  let end = 0n;
  const attributes: Attributes = {};
  const events: OtlpSpanEvent[] = [];
  let status: OtlpSpan['status'] = { code: 0, message: '' };
  while (!reader.done) {
    const { field, wire } = reader.tag();
    switch (field) {
      case 1:
      case 2:
      case 4: {
        reader.expect(wire, WIRE.len, field === 1 ? 'trace_id' : field === 2 ? 'span_id' : 'parent_span_id');
        const bytes = reader.bytes();
        if (field === 1) traceId = bytes;
        else if (field === 2) spanId = bytes;
        else parentSpanId = bytes;
        break;
      }
      case 5:
        reader.expect(wire, WIRE.len, 'name');
        name = reader.string();
        break;
      case 6:
        reader.expect(wire, WIRE.varint, 'kind');
        kind = spanKindOf(reader.varint());
        break;
      case 7:
      case 8:
        reader.expect(wire, WIRE.fixed64, field === 7 ? 'start_time_unix_nano' : 'end_time_unix_nano');
        if (field === 7) start = reader.fixed64();
        else end = reader.fixed64();
        break;
      case 9:
        reader.expect(wire, WIRE.len, 'attributes');
        readKeyValue(reader.message(`${path}.attributes`), attributes, 0);
        break;
      case 11:
        reader.expect(wire, WIRE.len, 'events');
        events.push(readEvent(reader.message(`${path}.events[${events.length}]`)));
        break;
      case 15:
        reader.expect(wire, WIRE.len, 'status');
        status = readStatus(reader.message(`${path}.status`), status);
        break;
      default:
        reader.skip(wire);
    }
  }
  return {
    traceId: idFromBytes(traceId ?? new Uint8Array(), 16, `${path}.traceId`) as string,
    spanId: idFromBytes(spanId ?? new Uint8Array(), 8, `${path}.spanId`) as string,
    parentSpanId: idFromBytes(parentSpanId, 8, `${path}.parentSpanId`, true),
    name,
    kind,
    startTime: nanosToIso(start),
    endTime: end === 0n ? null : nanosToIso(end),
    attributes,
    events,
    status,
  };
}

function readEvent(reader: ProtoReader): OtlpSpanEvent {
  let time = 0n;
  let name = '';
  const attributes: Attributes = {};
  while (!reader.done) {
    const { field, wire } = reader.tag();
    if (field === 1) {
      reader.expect(wire, WIRE.fixed64, 'time_unix_nano');
      time = reader.fixed64();
    } else if (field === 2) {
      reader.expect(wire, WIRE.len, 'name');
      name = reader.string();
    } else if (field === 3) {
      reader.expect(wire, WIRE.len, 'attributes');
      readKeyValue(reader.message(`${reader.path}.attributes`), attributes, 0);
    } else reader.skip(wire);
  }
  return { name, time: nanosToIso(time), attributes };
}

function readStatus(reader: ProtoReader, status: OtlpSpan['status']): OtlpSpan['status'] {
  let { code, message } = status;
  while (!reader.done) {
    const { field, wire } = reader.tag();
    if (field === 2) {
      reader.expect(wire, WIRE.len, 'message');
      message = reader.string();
    } else if (field === 3) {
      reader.expect(wire, WIRE.varint, 'code');
      code = statusCodeOf(reader.varint());
    } else reader.skip(wire);
  }
  return { code, message };
}

/** One KeyValue into `into`; a repeated key keeps its last value. */
function readKeyValue(reader: ProtoReader, into: Record<string, AttrValue>, depth: number): void {
  let key = '';
  let value: AttrValue = null;
  while (!reader.done) {
    const { field, wire } = reader.tag();
    if (field === 1) {
      reader.expect(wire, WIRE.len, 'key');
      key = reader.string();
    } else if (field === 2) {
      reader.expect(wire, WIRE.len, 'value');
      value = readAnyValue(reader.message(`${reader.path}.value`), depth);
    } else reader.skip(wire);
  }
  setOwn(into, key, value);
}

function readAnyValue(reader: ProtoReader, depth: number): AttrValue {
  if (depth > MAX_VALUE_DEPTH) reader.fail(`values nest deeper than ${MAX_VALUE_DEPTH} levels`);
  let value: AttrValue = null;
  while (!reader.done) {
    const { field, wire } = reader.tag();
    switch (field) {
      case 1:
        reader.expect(wire, WIRE.len, 'string_value');
        value = reader.string();
        break;
      case 2:
        reader.expect(wire, WIRE.varint, 'bool_value');
        value = reader.varint() !== 0;
        break;
      case 3:
        reader.expect(wire, WIRE.varint, 'int_value');
        value = int64ToAttr(reader.int64());
        break;
      case 4:
        reader.expect(wire, WIRE.fixed64, 'double_value');
        value = doubleToAttr(reader.double());
        break;
      case 5:
        reader.expect(wire, WIRE.len, 'array_value');
        value = readArray(reader.message(reader.path), depth + 1);
        break;
      case 6: {
        reader.expect(wire, WIRE.len, 'kvlist_value');
        const list = reader.message(reader.path);
        const object: Record<string, AttrValue> = {};
        while (!list.done) {
          const entry = list.tag();
          if (entry.field === 1) {
            list.expect(entry.wire, WIRE.len, 'values');
            readKeyValue(list.message(list.path), object, depth + 1);
          } else list.skip(entry.wire);
        }
        value = object;
        break;
      }
      case 7:
        reader.expect(wire, WIRE.len, 'bytes_value');
        value = bytesToBase64(reader.bytes());
        break;
      default:
        reader.skip(wire);
    }
  }
  return value;
}

function readArray(reader: ProtoReader, depth: number): AttrValue[] {
  const values: AttrValue[] = [];
  while (!reader.done) {
    const { field, wire } = reader.tag();
    if (field === 1) {
      reader.expect(wire, WIRE.len, 'values');
      values.push(readAnyValue(reader.message(reader.path), depth));
    } else reader.skip(wire);
  }
  return values;
}
