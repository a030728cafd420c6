import { type StepInput } from './run-input';
import { setOwn } from '../../domain/shared/own-property';
import { AttributeBag, type SpanReading } from './otlp-attributes';
import { CONVENTIONS } from './otlp-conventions';
import { type AttrValue, type Attributes, type OtlpSpan, STATUS_CODE } from '../../domain/runs/otlp-span';

/** One trace of an OTLP export, as the run and the steps Cockpit ingests. */
export interface MappedTrace {
  readonly run: {
    /** The trace id in UUID form (8-4-4-4-12), so every export of one trace lands on one run. */
    readonly id: string;
    readonly name: string | null;
    readonly started_at: string;
    readonly ended_at: string | null;
    readonly status: 'running' | 'succeeded' | 'failed';
    readonly tags: string[];
    readonly metadata: Record<string, unknown>;
  };
  readonly steps: StepInput[];
  /**
   * The span id of the trace's root (the span without a parent) when this export carries it. SDKs export
   * a root after its children, so an export without it says nothing final about the run's name or status.
   */
  readonly root_span_id: string | null;
}

export interface MappingOptions {
  /** Leftover attributes whose JSON exceeds this many characters are dropped from step metadata. */
  readonly maxMetadataValueChars?: number;
}

export const DEFAULT_MAX_METADATA_VALUE_CHARS = 16_384;

const LIMITS = { name: 500, model: 200, tool: 200, tag: 100, tags: 50, stacktrace: 8_000 } as const;
const SPAN_KIND_NAMES = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

/**
 * Maps decoded OTLP spans to Cockpit runs and steps, one MappedTrace per trace id in order of first
 * appearance. Pure: the same spans always give the same result. Steps are ordered parents first.
 */
export function mapSpans(spans: readonly OtlpSpan[], options: MappingOptions = {}): MappedTrace[] {
  const traces = new Map<string, Map<string, OtlpSpan>>();
  for (const span of spans) {
    const trace = traces.get(span.traceId) ?? new Map<string, OtlpSpan>();
    trace.set(span.spanId, span); // a span exported twice (a retried export) counts once, last copy wins
    traces.set(span.traceId, trace);
  }
  const maxChars = options.maxMetadataValueChars ?? DEFAULT_MAX_METADATA_VALUE_CHARS;
  return [...traces.entries()].map(([traceId, bySpanId]) =>
    mapTrace(traceId, [...bySpanId.values()], maxChars),
  );
}

function mapTrace(traceId: string, spans: OtlpSpan[], maxChars: number): MappedTrace {
  const ordered = parentsFirst(spans);
  const roots = ordered.filter((span) => span.parentSpanId === null);
  const root = roots[0] ?? null;
  const firstStarted = earliest(ordered);
  const first = root ?? firstStarted;
  const steps = ordered.map((span) => mapSpan(span, maxChars));
  const status = root?.endTime
    ? root.status.code === STATUS_CODE.error
      ? 'failed'
      : 'succeeded'
    : 'running';
  return {
    run: {
      id: traceIdAsUuid(traceId),
      name: truncate(first.name, LIMITS.name) || stringAttr(first.resource, 'service.name') || null,
      started_at: firstStarted.startTime,
      ended_at: status === 'running' ? null : (root?.endTime ?? null),
      status,
      tags: tagsOf(ordered),
      metadata: runMetadata(traceId, first, ordered, maxChars),
    },
    steps,
    root_span_id: root?.spanId ?? null,
  };
}

/** `5b8efff798038103d269b633813fc60c` → `5b8efff7-9803-8103-d269-b633813fc60c`. */
export function traceIdAsUuid(traceId: string): string {
  const hex = traceId.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function mapSpan(span: OtlpSpan, maxChars: number): StepInput {
  const reading: SpanReading = {
    attributes: new AttributeBag(span.attributes),
    events: [...span.events],
    draft: {},
  };
  for (const convention of CONVENTIONS) convention(reading);
  const { draft } = reading;
  const kind = draft.kind ?? (draft.tool ? 'tool' : draft.model || draft.usage ? 'model' : 'custom');
  const error = span.status.code === STATUS_CODE.error ? errorOf(span, reading) : undefined;
  const step: StepInput = {
    id: span.spanId,
    kind,
    parent_id: span.parentSpanId,
    started_at: span.startTime,
    ended_at: span.endTime,
  };
  if (span.name !== '') step.name = truncate(span.name, LIMITS.name);
  if (draft.model !== undefined) step.model = truncate(draft.model, LIMITS.model);
  if (draft.model_params !== undefined) step.model_params = draft.model_params;
  if (draft.tool !== undefined) step.tool = truncate(draft.tool, LIMITS.tool);
  if (draft.input !== undefined) step.input = draft.input;
  if (draft.output !== undefined) step.output = draft.output;
  if (draft.usage !== undefined) step.usage = draft.usage;
  if (draft.cost_usd !== undefined) step.cost_usd = draft.cost_usd;
  if (error !== undefined) step.error = error;
  step.metadata = stepMetadata(span, reading, maxChars);
  return step;
}

/**
 * The step error of a span whose status is ERROR: the status message, else the message of the span's
 * `exception` event, else `error.type`; with the exception type and (truncated) stack trace when known.
 */
function errorOf(span: OtlpSpan, reading: SpanReading): Record<string, unknown> {
  const index = reading.events.findLastIndex((event) => event.name === 'exception');
  const exception = index === -1 ? {} : reading.events.splice(index, 1)[0].attributes;
  const type = stringAttr(exception, 'exception.type') ?? reading.attributes.string('error.type');
  const stacktrace = stringAttr(exception, 'exception.stacktrace');
  const error: Record<string, unknown> = {
    message: span.status.message || stringAttr(exception, 'exception.message') || type || 'error',
  };
  if (type) error.type = type;
  if (stacktrace) error.stacktrace = truncate(stacktrace, LIMITS.stacktrace);
  return error;
}

/**
 * What no convention mapped, so nothing is lost: leftover attributes under their own keys (values larger
 * than the limit are dropped and their sizes listed under `otel.dropped_attributes`), unused events under
 * `otel.events` (the same limit applies to their attributes), the instrumentation scope, and the span
 * kind when it says more than "internal".
 */
function stepMetadata(span: OtlpSpan, reading: SpanReading, maxChars: number): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (span.scope.name) metadata['otel.scope.name'] = span.scope.name;
  if (span.scope.version) metadata['otel.scope.version'] = span.scope.version;
  if (span.kind > 1) metadata['otel.span.kind'] = SPAN_KIND_NAMES[span.kind] ?? span.kind;
  if (reading.events.length > 0) {
    metadata['otel.events'] = reading.events.map((event) => {
      const { kept, dropped } = capValues(event.attributes, maxChars);
      return Object.keys(dropped).length === 0
        ? { ...event, attributes: kept }
        : { ...event, attributes: kept, dropped_attributes: dropped };
    });
  }
  const { kept, dropped } = capValues(reading.attributes.leftovers(), maxChars);
  for (const [key, value] of Object.entries(kept)) setOwn(metadata, key, value);
  if (Object.keys(dropped).length > 0) metadata['otel.dropped_attributes'] = dropped;
  return metadata;
}

function capValues(
  attributes: Attributes,
  maxChars: number,
): { kept: Attributes; dropped: Record<string, number> } {
  const kept: Attributes = {};
  const dropped: Record<string, number> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const size = typeof value === 'string' ? value.length : JSON.stringify(value).length;
    if (size > maxChars) setOwn(dropped, key, size);
    else setOwn(kept, key, value);
  }
  return { kept, dropped };
}

/**
 * Run metadata, from the resource of the root span (or the earliest): the keys Cockpit indexes for search
 * (`env`, `release`, `agent_version`), the service, the trace id in its OTel form, the session, user and
 * conversation ids and agent name when a span carries them, and the whole resource under `resource`.
 */
function runMetadata(
  traceId: string,
  first: OtlpSpan,
  spans: OtlpSpan[],
  maxChars: number,
): Record<string, unknown> {
  const resource = first.resource;
  const fromSpans = (...keys: string[]): string | undefined => {
    for (const span of [first, ...spans]) {
      for (const key of keys) {
        const value = stringAttr(span.attributes, key);
        if (value) return value;
      }
    }
    return undefined;
  };
  const candidates: Record<string, string | undefined> = {
    trace_id: traceId,
    service_name: stringAttr(resource, 'service.name'),
    env:
      stringAttr(resource, 'deployment.environment.name') ?? stringAttr(resource, 'deployment.environment'),
    release: stringAttr(resource, 'service.version'),
    agent_version:
      stringAttr(resource, 'agent.version') ??
      stringAttr(resource, 'gen_ai.agent.version') ??
      fromSpans('agent.version', 'gen_ai.agent.version') ??
      stringAttr(resource, 'service.version'),
    agent_name: fromSpans('gen_ai.agent.name', 'agent.name', 'traceloop.workflow.name'),
    session_id: fromSpans('session.id', 'traceloop.association.properties.session_id'),
    user_id: fromSpans('user.id', 'enduser.id', 'traceloop.association.properties.user_id'),
    conversation_id: fromSpans('gen_ai.conversation.id'),
  };
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(candidates)) if (value) metadata[key] = value;
  metadata.resource = capValues(resource, maxChars).kept;
  return metadata;
}

/** OpenInference `tag.tags` of every span, deduplicated, within the run's limits. */
function tagsOf(spans: OtlpSpan[]): string[] {
  const tags = new Set<string>();
  for (const span of spans) {
    const value = span.attributes['tag.tags'];
    if (!Array.isArray(value)) continue;
    for (const tag of value) {
      if (typeof tag === 'string' && tag.length > 0 && tag.length <= LIMITS.tag) tags.add(tag);
    }
  }
  return [...tags].slice(0, LIMITS.tags);
}

/** Orders spans by start time, then moves each child after its parent when the parent is in the batch. */
function parentsFirst(spans: OtlpSpan[]): OtlpSpan[] {
  const starts = new Map(spans.map((span) => [span, toNanos(span.startTime)]));
  const byStart = [...spans].sort((a, b) => compareNanos(starts.get(a) as bigint, starts.get(b) as bigint));
  const present = new Set(byStart.map((span) => span.spanId));
  const isTop = (span: OtlpSpan) => span.parentSpanId === null || !present.has(span.parentSpanId);
  const children = new Map<string, OtlpSpan[]>();
  for (const span of byStart) {
    if (isTop(span)) continue;
    const siblings = children.get(span.parentSpanId as string);
    if (siblings) siblings.push(span);
    else children.set(span.parentSpanId as string, [span]);
  }
  const ordered: OtlpSpan[] = [];
  const visited = new Set<string>();
  const visit = (span: OtlpSpan): void => {
    const stack = [span];
    while (stack.length > 0) {
      const next = stack.pop() as OtlpSpan;
      if (visited.has(next.spanId)) continue;
      visited.add(next.spanId);
      ordered.push(next);
      const below = children.get(next.spanId) ?? [];
      for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]);
    }
  };
  for (const span of byStart) if (isTop(span)) visit(span);
  for (const span of byStart) visit(span); // spans caught in a parent cycle
  return ordered;
}

/** The span that started first; of spans that started together, the first in the list. */
function earliest(spans: OtlpSpan[]): OtlpSpan {
  let first = spans[0];
  let firstStart = toNanos(first.startTime);
  for (const span of spans) {
    const start = toNanos(span.startTime);
    if (start < firstStart) [first, firstStart] = [span, start];
  }
  return first;
}

function compareNanos(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An ISO-8601 time in nanoseconds since the epoch; Date.parse alone would cut it to milliseconds. */
function toNanos(iso: string): bigint {
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(.*)$/.exec(iso);
  const millis = Date.parse(match ? `${match[1]}${match[3]}` : iso);
  if (Number.isNaN(millis)) return 0n;
  return BigInt(millis) * 1_000_000n + BigInt((match?.[2] ?? '').padEnd(9, '0').slice(0, 9));
}

function stringAttr(attributes: Attributes, key: string): string | undefined {
  const value: AttrValue | undefined = Object.hasOwn(attributes, key) ? attributes[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Cuts to `max` UTF-16 units (what the zod limits count) without splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
