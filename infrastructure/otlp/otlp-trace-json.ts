import { setOwn } from '../../domain/shared/own-property';
import {
  type Attributes,
  type AttrValue,
  type OtlpSpan,
  type OtlpSpanEvent,
} from '../../domain/runs/otlp-span';
import {
  MAX_VALUE_DEPTH,
  MalformedOtlp,
  base64ToBytes,
  bytesToBase64,
  doubleToAttr,
  idFromJson,
  int64FromJson,
  int64ToAttr,
  nanosToIso,
  spanKindOf,
  statusCodeOf,
  uint64FromJson,
} from './otlp-values';

/**
 * OTLP JSON (the proto3 JSON mapping with OTLP's deviations: lowerCamelCase keys, hex ids, integer enums,
 * int64 as number or decimal string) to normalized spans. Unknown keys are ignored, as the OTLP spec
 * requires of receivers. Throws MalformedOtlp; the public entry point turns that into a validation error.
 */
export function decodeJsonTraceRequest(text: string): OtlpSpan[] {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new MalformedOtlp(`is not valid JSON: ${(error as Error).message}`, '');
  }
  const request = object(root, '');
  return list(request.resourceSpans, 'resourceSpans').flatMap((entry, i) =>
    readResourceSpans(entry, `resourceSpans[${i}]`),
  );
}

type Json = Record<string, unknown>;

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedOtlp('must be an object', path);
  }
  return value as Json;
}

/** Absent and null read as empty, as proto3 JSON defines for repeated fields. */
function list(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new MalformedOtlp('must be an array', path);
  return value;
}

function optionalObject(value: unknown, path: string): Json {
  return value === undefined || value === null ? {} : object(value, path);
}

function string(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new MalformedOtlp('must be a string', path);
  return value;
}

/** Enums are integers in OTLP JSON; their proto names are read as well, since proto3 JSON allows them. */
function enumValue(value: unknown, names: readonly string[], path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && names.includes(value)) return names.indexOf(value);
  throw new MalformedOtlp('must be an integer enum value', path);
}

const SPAN_KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
];
const STATUS_CODE_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

function readResourceSpans(value: unknown, path: string): OtlpSpan[] {
  const entry = object(value, path);
  const resource = attributes(
    optionalObject(entry.resource, `${path}.resource`).attributes,
    `${path}.resource`,
  );
  // `instrumentationLibrarySpans` is the pre-1.0 name of scopeSpans; old SDKs still send it.
  const scopeKey = entry.scopeSpans === undefined ? 'instrumentationLibrarySpans' : 'scopeSpans';
  return list(entry[scopeKey], `${path}.${scopeKey}`).flatMap((group, i) => {
    const groupPath = `${path}.${scopeKey}[${i}]`;
    const scopeSpans = object(group, groupPath);
    const rawScope = optionalObject(
      scopeSpans.scope ?? scopeSpans.instrumentationLibrary,
      `${groupPath}.scope`,
    );
    const scope = {
      name: string(rawScope.name, `${groupPath}.scope.name`),
      version: string(rawScope.version, `${groupPath}.scope.version`),
    };
    return list(scopeSpans.spans, `${groupPath}.spans`).map((span, j) => ({
      ...readSpan(span, `${groupPath}.spans[${j}]`),
      resource,
      scope,
    }));
  });
}

function readSpan(value: unknown, path: string): Omit<OtlpSpan, 'resource' | 'scope'> {
  const span = object(value, path);
  const start = uint64FromJson(span.startTimeUnixNano, `${path}.startTimeUnixNano`) ?? 0n;
  const end = uint64FromJson(span.endTimeUnixNano, `${path}.endTimeUnixNano`) ?? 0n;
  const status = optionalObject(span.status, `${path}.status`);
  return {
    traceId: idFromJson(span.traceId, 16, `${path}.traceId`) as string,
    spanId: idFromJson(span.spanId, 8, `${path}.spanId`) as string,
    parentSpanId: idFromJson(span.parentSpanId, 8, `${path}.parentSpanId`, true),
    name: string(span.name, `${path}.name`),
    kind: spanKindOf(enumValue(span.kind, SPAN_KIND_NAMES, `${path}.kind`)),
    startTime: nanosToIso(start),
    endTime: end === 0n ? null : nanosToIso(end),
    attributes: attributes(span.attributes, `${path}.attributes`),
    events: list(span.events, `${path}.events`).map((event, i) => readEvent(event, `${path}.events[${i}]`)),
    status: {
      code: statusCodeOf(enumValue(status.code, STATUS_CODE_NAMES, `${path}.status.code`)),
      message: string(status.message, `${path}.status.message`),
    },
  };
}

function readEvent(value: unknown, path: string): OtlpSpanEvent {
  const event = object(value, path);
  return {
    name: string(event.name, `${path}.name`),
    time: nanosToIso(uint64FromJson(event.timeUnixNano, `${path}.timeUnixNano`) ?? 0n),
    attributes: attributes(event.attributes, `${path}.attributes`),
  };
}

function attributes(value: unknown, path: string, depth = 0): Attributes {
  const result: Attributes = {};
  list(value, path).forEach((entry, i) => {
    const keyValue = object(entry, `${path}[${i}]`);
    const key = string(keyValue.key, `${path}[${i}].key`);
    setOwn(result, key, anyValue(keyValue.value, `${path}[${i}].value`, depth));
  });
  return result;
}

function anyValue(value: unknown, path: string, depth: number): AttrValue {
  if (depth > MAX_VALUE_DEPTH)
    throw new MalformedOtlp(`values nest deeper than ${MAX_VALUE_DEPTH} levels`, path);
  if (value === undefined || value === null) return null;
  const any = object(value, path);
  if (any.stringValue !== undefined && any.stringValue !== null)
    return string(any.stringValue, `${path}.stringValue`);
  if (any.boolValue !== undefined && any.boolValue !== null) {
    if (typeof any.boolValue !== 'boolean') throw new MalformedOtlp('must be a boolean', `${path}.boolValue`);
    return any.boolValue;
  }
  if (any.intValue !== undefined && any.intValue !== null) {
    return int64ToAttr(int64FromJson(any.intValue, `${path}.intValue`));
  }
  if (any.doubleValue !== undefined && any.doubleValue !== null)
    return double(any.doubleValue, `${path}.doubleValue`);
  if (any.arrayValue !== undefined && any.arrayValue !== null) {
    const values = optionalObject(any.arrayValue, `${path}.arrayValue`).values;
    return list(values, `${path}.arrayValue.values`).map((item, i) =>
      anyValue(item, `${path}.arrayValue.values[${i}]`, depth + 1),
    );
  }
  if (any.kvlistValue !== undefined && any.kvlistValue !== null) {
    const values = optionalObject(any.kvlistValue, `${path}.kvlistValue`).values;
    return attributes(values, `${path}.kvlistValue.values`, depth + 1);
  }
  if (any.bytesValue !== undefined && any.bytesValue !== null) {
    const bytes = base64ToBytes(string(any.bytesValue, `${path}.bytesValue`));
    if (!bytes) throw new MalformedOtlp('must be base64', `${path}.bytesValue`);
    return bytesToBase64(bytes);
  }
  return null;
}

/** proto3 JSON doubles: numbers, numeric strings, and "NaN" / "Infinity" / "-Infinity". */
function double(value: unknown, path: string): AttrValue {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return doubleToAttr(Number(value));
    if (value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  }
  throw new MalformedOtlp('must be a number', path);
}
