import { type StepKind } from '../../domain/runs/step-kind';
import { type SpanReading, fill, fillFirst, parseJson, unflatten, usageOf } from './otlp-attributes';
import { type Attributes, type AttrValue, type OtlpSpanEvent } from '../../domain/runs/otlp-span';

/**
 * The three GenAI tracing conventions Cockpit reads, each as one function that fills what it recognises
 * into the step draft. They run in the order of CONVENTIONS; the first to set a field wins, and the
 * attributes a later convention would have read stay in the step's metadata.
 */

/** OpenTelemetry GenAI semantic conventions (docs/gen-ai), current and pre-1.37 (events, gen_ai.prompt). */
function openTelemetryGenAi({ attributes: a, events, draft }: SpanReading): void {
  fill(draft, 'kind', GEN_AI_OPERATION_KINDS.get(a.peekString('gen_ai.operation.name') ?? ''));
  const responseModel = a.string('gen_ai.response.model');
  const requestModel = a.peek('gen_ai.request.model');
  // The model that answered prices the call; a different requested model stays visible in metadata.
  if (!responseModel || requestModel === responseModel)
    fill(draft, 'model', a.string('gen_ai.request.model'));
  fill(draft, 'model', responseModel);
  const params = a.takePrefix('gen_ai.request.', ['gen_ai.request.model']);
  if (Object.keys(params).length > 0) fill(draft, 'model_params', params);
  fill(
    draft,
    'usage',
    usageOf(
      a.count('gen_ai.usage.input_tokens') ?? a.count('gen_ai.usage.prompt_tokens'),
      a.count('gen_ai.usage.output_tokens') ?? a.count('gen_ai.usage.completion_tokens'),
    ),
  );
  fill(draft, 'tool', a.string('gen_ai.tool.name'));

  // Since 1.37 content may also come as one `gen_ai.client.inference.operation.details` event.
  const details = events.find((event) => event.name === DETAILS_EVENT)?.attributes;
  let usedDetails = false;
  const fromDetails = (read: (attributes: Attributes) => unknown) => () => {
    const value = details ? read(details) : undefined;
    usedDetails ||= value !== undefined;
    return value;
  };
  fillFirst(
    draft,
    'input',
    () => (a.has('gen_ai.tool.call.arguments') ? parseJson(a.take('gen_ai.tool.call.arguments')) : undefined),
    () => chatMessages(a.take('gen_ai.input.messages'), a.take('gen_ai.system_instructions')),
    fromDetails((d) => chatMessages(d['gen_ai.input.messages'], d['gen_ai.system_instructions'])),
    () =>
      legacyContent(
        a.take('gen_ai.prompt') ?? takeEvent(events, 'gen_ai.content.prompt')?.['gen_ai.prompt'],
        'prompt',
      ),
    () => chatMessages(takeMessageEvents(events, INPUT_MESSAGE_EVENTS)),
    () =>
      a.has('gen_ai.retrieval.query.text') ? { query: a.take('gen_ai.retrieval.query.text') } : undefined,
  );
  fillFirst(
    draft,
    'output',
    () => (a.has('gen_ai.tool.call.result') ? parseJson(a.take('gen_ai.tool.call.result')) : undefined),
    () => chatMessages(a.take('gen_ai.output.messages')),
    fromDetails((d) => chatMessages(d['gen_ai.output.messages'])),
    () =>
      legacyContent(
        a.take('gen_ai.completion') ?? takeEvent(events, 'gen_ai.content.completion')?.['gen_ai.completion'],
        'completion',
      ),
    () => chatMessages(takeMessageEvents(events, { 'gen_ai.choice': undefined })),
    () =>
      a.has('gen_ai.retrieval.documents')
        ? { documents: parseJson(a.take('gen_ai.retrieval.documents')) }
        : undefined,
  );
  if (usedDetails) takeEvent(events, DETAILS_EVENT);
}

const DETAILS_EVENT = 'gen_ai.client.inference.operation.details';

/** Well-known `gen_ai.operation.name` values; other (custom) operations leave the kind to later conventions. */
const GEN_AI_OPERATION_KINDS = new Map<string, StepKind>([
  ['chat', 'model'],
  ['text_completion', 'model'],
  ['generate_content', 'model'],
  ['embeddings', 'model'],
  ['execute_tool', 'tool'],
  ['retrieval', 'retrieval'],
  ['invoke_agent', 'custom'],
  ['create_agent', 'custom'],
]);

/** The pre-1.37 message events and the role each implies. */
const INPUT_MESSAGE_EVENTS: Record<string, string | undefined> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

/** Removes the first event of that name and returns its attributes, so used events do not repeat in metadata. */
function takeEvent(events: OtlpSpanEvent[], name: string): Attributes | undefined {
  const index = events.findIndex((event) => event.name === name);
  return index === -1 ? undefined : events.splice(index, 1)[0].attributes;
}

/**
 * Messages recorded as span events. The body is the event's attributes, or the JSON some SDKs put in
 * `gen_ai.event.content`; the role comes from the event name when the body has none.
 */
function takeMessageEvents(events: OtlpSpanEvent[], roles: Record<string, string | undefined>): unknown[] {
  const messages: unknown[] = [];
  for (let i = 0; i < events.length;) {
    if (!Object.hasOwn(roles, events[i].name)) {
      i++;
      continue;
    }
    const [event] = events.splice(i, 1);
    const {
      'gen_ai.event.content': content,
      'gen_ai.system': _s,
      'gen_ai.provider.name': _p,
      ...body
    } = event.attributes;
    const parsed = parseJson(content);
    const message = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : body;
    const role = roles[event.name];
    messages.push(role && !('role' in message) ? { role, ...message } : message);
  }
  return messages;
}

/** Chat content as `{ messages }`, with `system` when instructions came apart from the history. */
function chatMessages(messages: unknown, system?: unknown): unknown {
  const parsed = parseJson(messages as AttrValue | undefined);
  const instructions = parseJson(system as AttrValue | undefined);
  if (
    (parsed === undefined || (Array.isArray(parsed) && parsed.length === 0)) &&
    instructions === undefined
  ) {
    return undefined;
  }
  return instructions === undefined ? { messages: parsed } : { system: instructions, messages: parsed ?? [] };
}

/** `gen_ai.prompt` / `gen_ai.completion` (deprecated): a JSON list of messages, or plain text. */
function legacyContent(value: AttrValue | undefined, field: 'prompt' | 'completion'): unknown {
  if (value === undefined) return undefined;
  const parsed = parseJson(value);
  return Array.isArray(parsed) ? { messages: parsed } : { [field]: parsed };
}

/** OpenInference (Arize, spec/semantic_conventions.md). */
function openInference({ attributes: a, draft }: SpanReading): void {
  const spanKind = (a.peekString('openinference.span.kind') ?? '').toUpperCase();
  fill(
    draft,
    'kind',
    a.has('openinference.span.kind') ? (OPENINFERENCE_KINDS.get(spanKind) ?? 'custom') : undefined,
  );
  fillFirst(
    draft,
    'model',
    () =>
      a.string('llm.response.model_name') ??
      a.string('llm.model_name') ??
      a.string('llm.request.model_name') ??
      a.string('embedding.model_name') ??
      a.string('reranker.model_name'),
  );
  fillFirst(
    draft,
    'model_params',
    () => jsonObject(a, 'llm.invocation_parameters') ?? jsonObject(a, 'embedding.invocation_parameters'),
  );
  fillFirst(draft, 'usage', () =>
    usageOf(a.count('llm.token_count.prompt'), a.count('llm.token_count.completion')),
  );
  fillFirst(draft, 'cost_usd', () => {
    const total = a.number('llm.cost.total');
    if (total !== undefined) return total >= 0 ? total : undefined;
    const prompt = a.number('llm.cost.prompt');
    const completion = a.number('llm.cost.completion');
    if (prompt === undefined && completion === undefined) return undefined;
    const sum = (prompt ?? 0) + (completion ?? 0);
    return sum >= 0 ? sum : undefined;
  });
  fillFirst(draft, 'tool', () => a.string('tool.name'));

  // With structured messages, input.value / output.value hold the same request and response as raw JSON.
  const structured = (which: 'input' | 'output', value: unknown) => {
    if (value !== undefined) a.discard(`${which}.value`, `${which}.mime_type`);
    return value;
  };
  fillFirst(
    draft,
    'input',
    () =>
      structured('input', list(a, 'llm.input_messages.', 'messages') ?? list(a, 'llm.prompts.', 'prompts')),
    () => reranking(a),
    () => embeddingTexts(a),
    () => ioValue(a, 'input'),
  );
  fillFirst(
    draft,
    'output',
    () =>
      structured('output', list(a, 'llm.output_messages.', 'messages') ?? list(a, 'llm.choices.', 'choices')),
    () => list(a, 'retrieval.documents.', 'documents') ?? list(a, 'reranker.output_documents.', 'documents'),
    () => ioValue(a, 'output'),
  );
}

/** CHAIN, AGENT, RERANKER, GUARDRAIL, EVALUATOR and kinds added later are `custom`. */
const OPENINFERENCE_KINDS = new Map<string, StepKind>([
  ['LLM', 'model'],
  ['EMBEDDING', 'model'],
  ['TOOL', 'tool'],
  ['RETRIEVER', 'retrieval'],
  ['PROMPT', 'prompt'],
]);

function list(a: SpanReading['attributes'], prefix: string, field: string): unknown {
  return a.hasPrefix(prefix) ? { [field]: unflatten(a.takePrefix(prefix)) } : undefined;
}

function jsonObject(a: SpanReading['attributes'], key: string): Record<string, unknown> | undefined {
  const parsed = parseJson(a.peek(key));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  a.take(key);
  return parsed as Record<string, unknown>;
}

function reranking(a: SpanReading['attributes']): unknown {
  if (!a.has('reranker.query') && !a.hasPrefix('reranker.input_documents.')) return undefined;
  return {
    query: a.take('reranker.query') ?? null,
    documents: unflatten(a.takePrefix('reranker.input_documents.')),
  };
}

/** Embedding inputs are the texts; the vectors are dropped (kilobytes of floats nobody reads in a run). */
function embeddingTexts(a: SpanReading['attributes']): unknown {
  if (!a.hasPrefix('embedding.embeddings.')) return undefined;
  const items = unflatten(a.takePrefix('embedding.embeddings.'));
  const texts = Array.isArray(items)
    ? items.map((item) => (item as { text?: unknown } | null)?.text ?? null)
    : [];
  return { texts };
}

/** `input.value` / `output.value`, parsed when their MIME type says JSON. */
function ioValue(a: SpanReading['attributes'], which: 'input' | 'output'): unknown {
  const value = a.take(`${which}.value`);
  if (value === undefined) return undefined;
  const mimeType = a.take(`${which}.mime_type`);
  if (typeof value !== 'string' || mimeType !== 'application/json') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Traceloop / OpenLLMetry (semantic-conventions-ai), including its flattened gen_ai.prompt.N.* messages. */
function traceloop({ attributes: a, draft }: SpanReading): void {
  const spanKind = a.peekString('traceloop.span.kind') ?? '';
  fill(
    draft,
    'kind',
    spanKind === 'tool' ? 'tool' : TRACELOOP_CUSTOM_KINDS.has(spanKind) ? 'custom' : undefined,
  );
  fill(draft, 'kind', a.has('llm.request.type') ? 'model' : undefined);
  if (spanKind === 'tool') fillFirst(draft, 'tool', () => a.string('traceloop.entity.name'));
  fillFirst(draft, 'model', () => a.string('llm.response.model') ?? a.string('llm.request.model'));
  const legacyParams: Record<string, unknown> = {};
  for (const [key, param] of TRACELOOP_PARAMS) {
    const value = a.take(key);
    if (value !== undefined) legacyParams[param] = value;
  }
  if (Object.keys(legacyParams).length > 0) draft.model_params = { ...legacyParams, ...draft.model_params };
  fillFirst(draft, 'usage', () =>
    usageOf(a.count('llm.usage.prompt_tokens'), a.count('llm.usage.completion_tokens')),
  );
  fillFirst(
    draft,
    'input',
    () => list(a, 'gen_ai.prompt.', 'messages'),
    () => (a.has('traceloop.entity.input') ? parseJson(a.take('traceloop.entity.input')) : undefined),
  );
  fillFirst(
    draft,
    'output',
    () => list(a, 'gen_ai.completion.', 'messages'),
    () => (a.has('traceloop.entity.output') ? parseJson(a.take('traceloop.entity.output')) : undefined),
  );
}

const TRACELOOP_CUSTOM_KINDS = new Set(['workflow', 'task', 'agent']);

/** Request parameters OpenLLMetry recorded under `llm.*` before adopting `gen_ai.request.*`. */
const TRACELOOP_PARAMS: [string, string][] = [
  ['llm.top_k', 'top_k'],
  ['llm.frequency_penalty', 'frequency_penalty'],
  ['llm.presence_penalty', 'presence_penalty'],
  ['llm.chat.stop_sequences', 'stop_sequences'],
  ['llm.request.repetition_penalty', 'repetition_penalty'],
];

export const CONVENTIONS: readonly ((span: SpanReading) => void)[] = [
  openTelemetryGenAi,
  openInference,
  traceloop,
];
