/**
 * One span of an OTLP trace export, normalized from either wire encoding (binary protobuf or OTLP JSON)
 * so that the mapping to runs and steps never sees the wire format. Produced by the OTLP decoder in
 * infrastructure/otlp; lives here so application code can use it without importing infrastructure.
 */

/** An OTLP AnyValue as plain JSON: bytes become base64 strings, kvlists become objects, empty values null. */
export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };

export type Attributes = Record<string, AttrValue>;

/** The OTLP `Span.SpanKind` values (0 = unspecified). */
export const SPAN_KIND = {
  unspecified: 0,
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
} as const;

/** The OTLP `Status.StatusCode` values. */
export const STATUS_CODE = { unset: 0, ok: 1, error: 2 } as const;
export type StatusCode = (typeof STATUS_CODE)[keyof typeof STATUS_CODE];

export interface OtlpSpanEvent {
  readonly name: string;
  /** ISO-8601 UTC, nanosecond digits kept (e.g. `2026-11-23T10:00:00.123456789Z`). */
  readonly time: string;
  readonly attributes: Attributes;
}

export interface OtlpSpan {
  /** 32 lowercase hex digits. */
  readonly traceId: string;
  /** 16 lowercase hex digits. */
  readonly spanId: string;
  readonly parentSpanId: string | null;
  readonly name: string;
  /** The OTLP SpanKind enum, see {@link SPAN_KIND}. */
  readonly kind: number;
  /** ISO-8601 UTC with up to nanosecond digits. */
  readonly startTime: string;
  /** Null when the exporter sent no end time (a span that has not ended). */
  readonly endTime: string | null;
  readonly attributes: Attributes;
  readonly events: readonly OtlpSpanEvent[];
  readonly status: { readonly code: StatusCode; readonly message: string };
  /** Attributes of the resource (process, service) that produced the span. */
  readonly resource: Attributes;
  /** The instrumentation scope (library) that produced the span. */
  readonly scope: { readonly name: string; readonly version: string };
}
