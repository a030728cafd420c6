import fc from 'fast-check';
import { z } from 'zod';
import { mapSpans, traceIdAsUuid, type MappedTrace } from './otlp-mapping';
import { type Attributes, type AttrValue, type OtlpSpan } from '../../domain/runs/otlp-span';
import { StepInput } from './run-input';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const RESOURCE: Attributes = {
  'service.name': 'travel-agent',
  'service.version': '2.3.0',
  'deployment.environment.name': 'production',
  'telemetry.sdk.language': 'python',
};
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const at = (ms: number): string => new Date(T0 + ms).toISOString();

/** A decoded span as the OTLP decoder yields it; times are milliseconds after T0. */
function span(
  spanId: string,
  name: string,
  fields: Partial<Omit<OtlpSpan, 'startTime' | 'endTime'>> & { start?: number; end?: number | null } = {},
): OtlpSpan {
  const { start = 0, end = start + 100, ...rest } = fields;
  return {
    traceId: TRACE,
    spanId,
    parentSpanId: null,
    name,
    kind: 1,
    startTime: at(start),
    endTime: end === null ? null : at(end),
    attributes: {},
    events: [],
    status: { code: 0, message: '' },
    resource: RESOURCE,
    scope: { name: 'test-instrumentation', version: '1.0.0' },
    ...rest,
  };
}
const child = (parent: string, spanId: string, name: string, fields: Parameters<typeof span>[2] = {}) =>
  span(spanId, name, { parentSpanId: parent, ...fields });
const json = (value: unknown): string => JSON.stringify(value);

/** OpenTelemetry GenAI 1.37+: an agent that calls a model once and two tools, the second failing. */
const genAiAgent: OtlpSpan[] = [
  span('a000000000000001', 'invoke_agent travel-planner', {
    end: 2_000,
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'travel-planner',
      'gen_ai.provider.name': 'openai',
      'gen_ai.conversation.id': 'conv_5j66UpCpwteGg4YSxUnt7lPY',
    },
  }),
  child('a000000000000001', 'a000000000000002', 'chat gpt-4o', {
    kind: 3,
    start: 10,
    end: 900,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 512,
      'gen_ai.usage.input_tokens': 120,
      'gen_ai.usage.output_tokens': 48,
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'gen_ai.system_instructions': json([{ type: 'text', content: 'You plan trips.' }]),
      'gen_ai.input.messages': json([
        { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
      ]),
      'gen_ai.output.messages': json([
        {
          role: 'assistant',
          parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { location: 'Paris' } }],
          finish_reason: 'tool_calls',
        },
      ]),
      'server.address': 'api.openai.com',
    },
  }),
  child('a000000000000001', 'a000000000000003', 'execute_tool get_weather', {
    start: 1_000,
    end: 1_200,
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'get_weather',
      'gen_ai.tool.call.id': 'call_1',
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.call.arguments': json({ location: 'Paris' }),
      'gen_ai.tool.call.result': json({ temperature: 14, conditions: 'rainy' }),
    },
  }),
  child('a000000000000001', 'a000000000000004', 'execute_tool book_hotel', {
    start: 1_300,
    end: 1_900,
    status: { code: 2, message: '' },
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'book_hotel',
      // Structured form, which the conventions prefer where the SDK supports it.
      'gen_ai.tool.call.arguments': { city: 'Paris', nights: 2 },
      'error.type': 'TimeoutError',
    },
    events: [
      {
        name: 'exception',
        time: at(1_899),
        attributes: {
          'exception.type': 'TimeoutError',
          'exception.message': 'hotel API timed out',
          'exception.stacktrace': 'TimeoutError: hotel API timed out\n    at book (hotel.py:12)',
        },
      },
    ],
  }),
];

/** OpenInference: the same agent, as Arize's instrumentors record it. */
const openInferenceAgent: OtlpSpan[] = [
  span('b000000000000001', 'TravelAgent', {
    end: 2_000,
    attributes: {
      'openinference.span.kind': 'AGENT',
      'input.value': 'Plan a weekend in Paris',
      'input.mime_type': 'text/plain',
      'output.value': json({ plan: 'Louvre, then dinner' }),
      'output.mime_type': 'application/json',
      'session.id': 'sess-42',
      'user.id': 'user-7',
      'tag.tags': ['travel', 'beta'],
      metadata: json({ experiment: 'a' }),
    },
  }),
  child('b000000000000001', 'b000000000000002', 'ChatCompletion', {
    start: 10,
    end: 900,
    attributes: {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'claude-sonnet-4-5',
      'llm.provider': 'anthropic',
      'llm.system': 'anthropic',
      'llm.invocation_parameters': json({ temperature: 0.3, max_tokens: 1024 }),
      'llm.token_count.prompt': 200,
      'llm.token_count.completion': 50,
      'llm.token_count.total': 250,
      'llm.cost.total': 0.0021,
      'llm.input_messages.0.message.role': 'system',
      'llm.input_messages.0.message.content': 'You plan trips.',
      'llm.input_messages.1.message.role': 'user',
      'llm.input_messages.1.message.content': 'Weather in Paris?',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'toolu_1',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'get_weather',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': json({ city: 'Paris' }),
      'llm.tools.0.tool.json_schema': json({ name: 'get_weather' }),
      'input.value': json({ messages: ['…the same request, raw…'] }),
      'input.mime_type': 'application/json',
    },
  }),
  child('b000000000000001', 'b000000000000003', 'get_weather', {
    start: 1_000,
    end: 1_200,
    attributes: {
      'openinference.span.kind': 'TOOL',
      'tool.name': 'get_weather',
      'tool.description': 'Current weather for a city',
      'tool.parameters': json({ city: 'string' }),
      'input.value': json({ city: 'Paris' }),
      'input.mime_type': 'application/json',
      'output.value': 'rainy, 14°C',
    },
  }),
  child('b000000000000001', 'b000000000000004', 'book_hotel', {
    start: 1_300,
    end: 1_900,
    status: { code: 2, message: 'no rooms left' },
    attributes: {
      'openinference.span.kind': 'TOOL',
      'tool.name': 'book_hotel',
      'input.value': json({ city: 'Paris', nights: 2 }),
      'input.mime_type': 'application/json',
    },
  }),
];

/** Traceloop / OpenLLMetry: a workflow with an OpenAI call (flattened prompts) and two tools. */
const traceloopAgent: OtlpSpan[] = [
  span('c000000000000001', 'trip_planner.workflow', {
    end: 2_000,
    attributes: {
      'traceloop.span.kind': 'workflow',
      'traceloop.workflow.name': 'trip_planner',
      'traceloop.entity.name': 'trip_planner',
      'traceloop.entity.input': json({ args: [], kwargs: { city: 'Paris' } }),
      'traceloop.entity.output': json({ plan: 'Louvre' }),
      'traceloop.association.properties.user_id': 'user-9',
    },
  }),
  child('c000000000000001', 'c000000000000002', 'openai.chat', {
    kind: 3,
    start: 10,
    end: 900,
    attributes: {
      'llm.request.type': 'chat',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.request.temperature': 0.7,
      'llm.is_streaming': false,
      'gen_ai.prompt.0.role': 'system',
      'gen_ai.prompt.0.content': 'You plan trips.',
      'gen_ai.prompt.1.role': 'user',
      'gen_ai.prompt.1.content': 'Weather in Paris?',
      'gen_ai.completion.0.role': 'assistant',
      'gen_ai.completion.0.finish_reason': 'tool_calls',
      'gen_ai.completion.0.tool_calls.0.id': 'call_9',
      'gen_ai.completion.0.tool_calls.0.name': 'get_weather',
      'gen_ai.completion.0.tool_calls.0.arguments': json({ city: 'Paris' }),
      'gen_ai.usage.prompt_tokens': 80,
      'gen_ai.usage.completion_tokens': 20,
      'llm.usage.total_tokens': 100,
    },
  }),
  child('c000000000000001', 'c000000000000003', 'get_weather.tool', {
    start: 1_000,
    end: 1_200,
    attributes: {
      'traceloop.span.kind': 'tool',
      'traceloop.entity.name': 'get_weather',
      'traceloop.entity.input': json({ args: ['Paris'], kwargs: {} }),
      'traceloop.entity.output': json({ conditions: 'rainy' }),
    },
  }),
  child('c000000000000001', 'c000000000000004', 'book_hotel.tool', {
    start: 1_300,
    end: 1_900,
    status: { code: 2, message: 'payment declined' },
    attributes: {
      'traceloop.span.kind': 'tool',
      'traceloop.entity.name': 'book_hotel',
      'traceloop.entity.input': json({ args: ['Paris', 2], kwargs: {} }),
    },
  }),
];

const FIXTURES: Record<string, OtlpSpan[]> = {
  'OpenTelemetry GenAI': genAiAgent,
  OpenInference: openInferenceAgent,
  'Traceloop / OpenLLMetry': traceloopAgent,
};

const only = (spans: OtlpSpan[]): MappedTrace => {
  const traces = mapSpans(spans);
  expect(traces).toHaveLength(1);
  return traces[0];
};
const stepOf = (trace: MappedTrace, id: string) => trace.steps.find((step) => step.id === id)!;

describe.each(Object.entries(FIXTURES))('an agent trace in %s', (_convention, spans) => {
  const trace = only(spans);

  it('becomes one run named after its root span, succeeded when the root ended well', () => {
    expect(trace.run).toMatchObject({
      id: traceIdAsUuid(TRACE),
      name: spans[0].name,
      started_at: at(0),
      ended_at: at(2_000),
      status: 'succeeded',
    });
    expect(trace.root_span_id).toBe(spans[0].spanId);
  });

  it('becomes one step per span with ids, parents, names and times', () => {
    expect(trace.steps.map((s) => [s.id, s.parent_id, s.name, s.started_at, s.ended_at])).toEqual(
      spans.map((s) => [s.spanId, s.parentSpanId, s.name, s.startTime, s.endTime]),
    );
  });

  it('maps the agent to custom, the LLM call to model and the tool calls to tool', () => {
    expect(trace.steps.map((s) => s.kind)).toEqual(['custom', 'model', 'tool', 'tool']);
    expect(trace.steps.slice(2).map((s) => s.tool)).toEqual(['get_weather', 'book_hotel']);
  });

  it('records the failed tool call as an error and keeps its kind', () => {
    const failed = trace.steps[3];
    expect(failed.kind).toBe('tool');
    expect(failed.error).toEqual(expect.objectContaining({ message: expect.any(String) }));
    expect(trace.steps.slice(0, 3).every((s) => s.error === undefined)).toBe(true);
  });

  it('produces steps that pass the ingest schema', () => {
    for (const step of trace.steps) expect(StepInput.safeParse(step)).toMatchObject({ success: true });
  });
});

describe('OpenTelemetry GenAI fields', () => {
  const trace = only(genAiAgent);

  it('reads the model call: answering model, parameters, usage, instructions and messages', () => {
    expect(stepOf(trace, 'a000000000000002')).toMatchObject({
      model: 'gpt-4o-2024-08-06',
      model_params: { temperature: 0.2, max_tokens: 512 },
      usage: { input_tokens: 120, output_tokens: 48 },
      input: {
        system: [{ type: 'text', content: 'You plan trips.' }],
        messages: [{ role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] }],
      },
      output: { messages: [expect.objectContaining({ role: 'assistant', finish_reason: 'tool_calls' })] },
    });
  });

  it('keeps a requested model that differs from the answering one, and unmapped attributes, in metadata', () => {
    expect(stepOf(trace, 'a000000000000002').metadata).toEqual({
      'otel.scope.name': 'test-instrumentation',
      'otel.scope.version': '1.0.0',
      'otel.span.kind': 'client',
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'server.address': 'api.openai.com',
    });
  });

  it('parses tool arguments and results sent as JSON strings, and takes structured ones as they are', () => {
    expect(stepOf(trace, 'a000000000000003')).toMatchObject({
      input: { location: 'Paris' },
      output: { temperature: 14, conditions: 'rainy' },
    });
    expect(stepOf(trace, 'a000000000000004').input).toEqual({ city: 'Paris', nights: 2 });
  });

  it('takes the error message, type and stack from the exception event when the status has none', () => {
    const failed = stepOf(trace, 'a000000000000004');
    expect(failed.error).toEqual({
      message: 'hotel API timed out',
      type: 'TimeoutError',
      stacktrace: 'TimeoutError: hotel API timed out\n    at book (hotel.py:12)',
    });
    expect(failed.metadata).not.toHaveProperty(['otel.events']);
  });

  it('fills run metadata from the resource and the agent span', () => {
    expect(trace.run.metadata).toEqual({
      trace_id: TRACE,
      service_name: 'travel-agent',
      env: 'production',
      release: '2.3.0',
      agent_version: '2.3.0',
      agent_name: 'travel-planner',
      conversation_id: 'conv_5j66UpCpwteGg4YSxUnt7lPY',
      resource: RESOURCE,
    });
  });
});

describe('OpenInference fields', () => {
  const trace = only(openInferenceAgent);

  it('reads the LLM call: model, invocation parameters, token counts, cost and flattened messages', () => {
    const call = stepOf(trace, 'b000000000000002');
    expect(call).toMatchObject({
      model: 'claude-sonnet-4-5',
      model_params: { temperature: 0.3, max_tokens: 1024 },
      usage: { input_tokens: 200, output_tokens: 50 },
      cost_usd: 0.0021,
      input: {
        messages: [
          { role: 'system', content: 'You plan trips.' },
          { role: 'user', content: 'Weather in Paris?' },
        ],
      },
      output: {
        messages: [
          {
            role: 'assistant',
            tool_calls: [
              { id: 'toolu_1', function: { name: 'get_weather', arguments: json({ city: 'Paris' }) } },
            ],
          },
        ],
      },
    });
    // The raw request duplicates the messages; the advertised tools stay.
    expect(call.metadata).not.toHaveProperty(['input.value']);
    expect(call.metadata).toHaveProperty(['llm.tools.0.tool.json_schema']);
  });

  it('parses input.value and output.value only when their MIME type is JSON', () => {
    expect(stepOf(trace, 'b000000000000001')).toMatchObject({
      input: 'Plan a weekend in Paris',
      output: { plan: 'Louvre, then dinner' },
    });
    expect(stepOf(trace, 'b000000000000003')).toMatchObject({
      input: { city: 'Paris' },
      output: 'rainy, 14°C',
    });
  });

  it('takes tags, session and user for the run', () => {
    expect(trace.run.tags).toEqual(['travel', 'beta']);
    expect(trace.run.metadata).toMatchObject({ session_id: 'sess-42', user_id: 'user-7' });
  });

  it('uses the status message as the error message', () => {
    expect(stepOf(trace, 'b000000000000004').error).toEqual({ message: 'no rooms left' });
  });
});

describe('Traceloop / OpenLLMetry fields', () => {
  const trace = only(traceloopAgent);

  it('reads the LLM call from llm.request.type and gen_ai.* with flattened prompts and completions', () => {
    expect(stepOf(trace, 'c000000000000002')).toMatchObject({
      kind: 'model',
      model: 'gpt-4o-mini-2024-07-18',
      model_params: { temperature: 0.7 },
      usage: { input_tokens: 80, output_tokens: 20 },
      input: {
        messages: [
          { role: 'system', content: 'You plan trips.' },
          { role: 'user', content: 'Weather in Paris?' },
        ],
      },
      output: {
        messages: [
          {
            role: 'assistant',
            finish_reason: 'tool_calls',
            tool_calls: [{ id: 'call_9', name: 'get_weather', arguments: json({ city: 'Paris' }) }],
          },
        ],
      },
    });
  });

  it('reads entity inputs and outputs as JSON', () => {
    expect(stepOf(trace, 'c000000000000001')).toMatchObject({
      input: { args: [], kwargs: { city: 'Paris' } },
      output: { plan: 'Louvre' },
    });
    expect(stepOf(trace, 'c000000000000003')).toMatchObject({
      input: { args: ['Paris'], kwargs: {} },
      output: { conditions: 'rainy' },
    });
  });

  it('names the agent after the workflow and finds the user in association properties', () => {
    expect(trace.run.metadata).toMatchObject({ agent_name: 'trip_planner', user_id: 'user-9' });
  });
});

describe('mapping a whole export', () => {
  it('maps spans of several conventions in one trace, each by its own convention', () => {
    const [root, llm] = openInferenceAgent;
    const mixed = [
      root,
      { ...genAiAgent[1], parentSpanId: root.spanId, traceId: TRACE },
      { ...traceloopAgent[2], parentSpanId: llm.spanId },
    ];
    const trace = only(mixed);
    expect(trace.steps.map((s) => [s.kind, s.model ?? s.tool ?? null])).toEqual([
      ['custom', null],
      ['model', 'gpt-4o-2024-08-06'],
      ['tool', 'get_weather'],
    ]);
  });

  it('returns one trace per trace id, in order of first appearance', () => {
    const other = 'ffffffffffffffffffffffffffffff01';
    const traces = mapSpans([
      span('d000000000000001', 'first'),
      span('e000000000000001', 'second', { traceId: other }),
      child('d000000000000001', 'd000000000000002', 'first child'),
    ]);
    expect(traces.map((t) => [t.run.id, t.run.name, t.steps.length])).toEqual([
      [traceIdAsUuid(TRACE), 'first', 2],
      [traceIdAsUuid(other), 'second', 1],
    ]);
  });

  it('fails the run when the root span ended with an error', () => {
    const trace = only([span('d000000000000001', 'agent', { status: { code: 2, message: 'boom' } })]);
    expect(trace.run).toMatchObject({ status: 'failed', ended_at: at(100) });
    expect(trace.steps[0].error).toEqual({ message: 'boom' });
  });

  it('leaves the run running while the root has not ended', () => {
    const trace = only([span('d000000000000001', 'agent', { end: null })]);
    expect(trace.run).toMatchObject({ status: 'running', ended_at: null });
    expect(trace.steps[0].ended_at).toBeNull();
  });

  it('keeps parent ids of spans whose parent is not in this export, and names the run after the earliest', () => {
    const trace = only([
      child('d000000000000009', 'd000000000000003', 'later', { start: 50 }),
      child('d000000000000009', 'd000000000000002', 'earlier', { start: 20 }),
    ]);
    expect(trace.root_span_id).toBeNull();
    expect(trace.run).toMatchObject({
      name: 'earlier',
      status: 'running',
      ended_at: null,
      started_at: at(20),
    });
    expect(trace.steps.map((s) => [s.id, s.parent_id])).toEqual([
      ['d000000000000002', 'd000000000000009'],
      ['d000000000000003', 'd000000000000009'],
    ]);
  });

  it('orders parents before their children, even when clocks disagree', () => {
    const trace = only([
      child('d000000000000001', 'd000000000000002', 'child started "before" its parent', { start: 0 }),
      span('d000000000000001', 'parent', { start: 5 }),
    ]);
    expect(trace.steps.map((s) => s.id)).toEqual(['d000000000000001', 'd000000000000002']);
  });

  it('compares start times to the nanosecond', () => {
    const trace = only([
      { ...span('d000000000000002', 'second'), startTime: '2026-11-23T10:00:00.000000002Z' },
      { ...span('d000000000000003', 'third'), startTime: '2026-11-23T10:00:00.00001Z' },
      { ...span('d000000000000001', 'first'), startTime: '2026-11-23T10:00:00.000000001Z' },
    ]);
    expect(trace.steps.map((s) => s.name)).toEqual(['first', 'second', 'third']);
    expect(trace.run.started_at).toBe('2026-11-23T10:00:00.000000001Z');
  });

  it('counts a span exported twice once', () => {
    const trace = only([span('d000000000000001', 'old copy'), span('d000000000000001', 'new copy')]);
    expect(trace.steps.map((s) => s.name)).toEqual(['new copy']);
  });

  it('names the run after service.name when the root span has no name', () => {
    expect(only([span('d000000000000001', '')]).run.name).toBe('travel-agent');
  });

  it('drops huge leftover values from metadata and says so', () => {
    const trace = mapSpans(
      [
        span('d000000000000001', 'op', {
          attributes: { big: 'x'.repeat(100), small: 'y', list: ['z'.repeat(60)] },
        }),
      ],
      { maxMetadataValueChars: 50 },
    )[0];
    expect(trace.steps[0].metadata).toMatchObject({
      small: 'y',
      'otel.dropped_attributes': { big: 100, list: 64 },
    });
    expect(trace.steps[0].metadata).not.toHaveProperty('big');
  });

  it('cuts long names without splitting a character', () => {
    expect(only([span('d000000000000001', `${'n'.repeat(499)}😀`)]).run.name).toBe('n'.repeat(499));
  });

  it('keeps events no convention used in metadata, with the same limit on their attributes', () => {
    const big = { name: 'log', time: at(6), attributes: { body: 'b'.repeat(60), level: 'info' } };
    const trace = mapSpans([span('d000000000000001', 'op', { events: [big] })], {
      maxMetadataValueChars: 50,
    })[0];
    expect(trace.steps[0].metadata?.['otel.events']).toEqual([
      { name: 'log', time: at(6), attributes: { level: 'info' }, dropped_attributes: { body: 60 } },
    ]);
  });

  it('keeps events no convention used in metadata', () => {
    const event = { name: 'cache.miss', time: at(5), attributes: { key: 'k' } };
    expect(only([span('d000000000000001', 'op', { events: [event] })]).steps[0].metadata).toMatchObject({
      'otel.events': [event],
    });
  });

  it('truncates names, models and tools to what the ingest schema accepts', () => {
    const trace = only([
      span('d000000000000001', 'n'.repeat(600), {
        attributes: { 'gen_ai.request.model': 'm'.repeat(300), 'gen_ai.tool.name': 't'.repeat(300) },
      }),
    ]);
    expect(trace.run.name).toHaveLength(500);
    expect(trace.steps[0]).toMatchObject({
      name: 'n'.repeat(500),
      model: 'm'.repeat(200),
      tool: 't'.repeat(200),
    });
    expect(StepInput.safeParse(trace.steps[0]).success).toBe(true);
  });
});

describe('traceIdAsUuid', () => {
  it('formats the 32 hex digits as 8-4-4-4-12', () => {
    expect(traceIdAsUuid(TRACE)).toBe('4bf92f35-77b3-4da6-a3ce-929d0e0e4736');
  });

  it('yields a GUID for every trace id, though not always an RFC 9562 UUID (version and variant bits vary)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{32}$/), (traceId) => {
        expect(z.guid().safeParse(traceIdAsUuid(traceId)).success).toBe(true);
        expect(traceIdAsUuid(traceId).replace(/-/g, '')).toBe(traceId);
      }),
    );
  });
});

const attrValue: fc.Arbitrary<AttrValue> = fc.letrec<{ value: AttrValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 }),
  ),
})).value;
const attributeKey = fc.oneof(
  fc.constantFrom(
    'gen_ai.operation.name',
    'gen_ai.request.model',
    'gen_ai.usage.input_tokens',
    'gen_ai.tool.call.arguments',
    'gen_ai.input.messages',
    'openinference.span.kind',
    'llm.model_name',
    'llm.invocation_parameters',
    'llm.input_messages.0.message.content',
    'llm.cost.total',
    'input.value',
    'traceloop.span.kind',
    'traceloop.entity.input',
    'gen_ai.prompt.0.content',
    'tag.tags',
    '__proto__',
  ),
  fc.string(),
);
const arbitrarySpan: fc.Arbitrary<OtlpSpan> = fc.record({
  traceId: fc.constantFrom(TRACE, 'ffffffffffffffffffffffffffffff01'),
  spanId: fc.stringMatching(/^[0-9a-f]{16}$/),
  parentSpanId: fc.option(fc.stringMatching(/^[0-9a-f]{16}$/)),
  name: fc.string({ maxLength: 700 }),
  kind: fc.integer({ min: 0, max: 5 }),
  startTime: fc.integer({ min: 0, max: 10_000 }).map(at),
  endTime: fc.option(fc.integer({ min: 0, max: 10_000 }).map(at)),
  attributes: fc.dictionary(attributeKey, attrValue, { maxKeys: 8 }),
  events: fc.array(
    fc.record({
      name: fc.constantFrom('exception', 'gen_ai.user.message', 'gen_ai.choice', 'other'),
      time: fc.constant(at(1)),
      attributes: fc.dictionary(fc.string(), attrValue, { maxKeys: 3 }),
    }),
    { maxLength: 3 },
  ),
  status: fc.record({ code: fc.constantFrom(0 as const, 1 as const, 2 as const), message: fc.string() }),
  resource: fc.dictionary(fc.string(), attrValue, { maxKeys: 3 }),
  scope: fc.record({ name: fc.string(), version: fc.string() }),
});

describe('mapping arbitrary spans', () => {
  it('yields steps that pass the ingest schema, one per distinct span', () => {
    fc.assert(
      fc.property(fc.array(arbitrarySpan, { maxLength: 8 }), (spans) => {
        const traces = mapSpans(spans);
        const steps = traces.flatMap((t) => t.steps);
        expect(steps).toHaveLength(new Set(spans.map((s) => `${s.traceId}/${s.spanId}`)).size);
        for (const step of steps) expect(StepInput.safeParse(step).error).toBeUndefined();
        for (const { run } of traces) {
          expect(run.tags.length).toBeLessThanOrEqual(50);
          expect(run.name === null || run.name.length <= 500).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
