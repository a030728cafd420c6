import { mapSpans } from './otlp-mapping';
import { type Attributes, type OtlpSpan, type OtlpSpanEvent } from '../../domain/runs/otlp-span';
import { StepInput } from './run-input';

const TIME = '2026-11-23T10:00:00.000Z';

/** Maps one span and returns its step, checked against the ingest schema. */
function stepFor(
  attributes: Attributes,
  extra: { events?: OtlpSpanEvent[]; status?: OtlpSpan['status']; resource?: Attributes } = {},
): StepInput {
  const [trace] = mapSpans([
    {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      parentSpanId: null,
      name: 'op',
      kind: 1,
      startTime: TIME,
      endTime: TIME,
      attributes,
      events: extra.events ?? [],
      status: extra.status ?? { code: 0, message: '' },
      resource: extra.resource ?? {},
      scope: { name: '', version: '' },
    },
  ]);
  const step = trace.steps[0];
  expect(StepInput.safeParse(step).error).toBeUndefined();
  return step;
}
const event = (name: string, attributes: Attributes): OtlpSpanEvent => ({ name, time: TIME, attributes });
const json = (value: unknown): string => JSON.stringify(value);

describe('kinds', () => {
  it.each([
    [{ 'gen_ai.operation.name': 'chat' }, 'model'],
    [{ 'gen_ai.operation.name': 'text_completion' }, 'model'],
    [{ 'gen_ai.operation.name': 'generate_content' }, 'model'],
    [{ 'gen_ai.operation.name': 'embeddings' }, 'model'],
    [{ 'gen_ai.operation.name': 'execute_tool' }, 'tool'],
    [{ 'gen_ai.operation.name': 'retrieval' }, 'retrieval'],
    [{ 'gen_ai.operation.name': 'invoke_agent' }, 'custom'],
    [{ 'gen_ai.operation.name': 'create_agent' }, 'custom'],
    [{ 'gen_ai.operation.name': 'toString' }, 'custom'],
    [{ 'openinference.span.kind': 'LLM' }, 'model'],
    [{ 'openinference.span.kind': 'llm' }, 'model'],
    [{ 'openinference.span.kind': 'EMBEDDING' }, 'model'],
    [{ 'openinference.span.kind': 'TOOL' }, 'tool'],
    [{ 'openinference.span.kind': 'RETRIEVER' }, 'retrieval'],
    [{ 'openinference.span.kind': 'PROMPT' }, 'prompt'],
    [{ 'openinference.span.kind': 'CHAIN' }, 'custom'],
    [{ 'openinference.span.kind': 'AGENT' }, 'custom'],
    [{ 'openinference.span.kind': 'RERANKER' }, 'custom'],
    [{ 'openinference.span.kind': 'GUARDRAIL' }, 'custom'],
    [{ 'openinference.span.kind': 'EVALUATOR' }, 'custom'],
    [{ 'openinference.span.kind': 'SOMETHING_NEW' }, 'custom'],
    [{ 'traceloop.span.kind': 'workflow' }, 'custom'],
    [{ 'traceloop.span.kind': 'task' }, 'custom'],
    [{ 'traceloop.span.kind': 'agent' }, 'custom'],
    [{ 'traceloop.span.kind': 'tool' }, 'tool'],
    [{ 'llm.request.type': 'chat' }, 'model'],
    [{ 'llm.request.type': 'embedding' }, 'model'],
    [{ 'gen_ai.request.model': 'gpt-4o' }, 'model'],
    [{ 'gen_ai.tool.name': 'search' }, 'tool'],
    [{ 'http.method': 'GET' }, 'custom'],
  ])('reads %j as %s', (attributes, kind) => {
    expect(stepFor(attributes).kind).toBe(kind);
  });

  it('keeps the attribute that decided the kind in metadata, since it says more than the kind', () => {
    expect(stepFor({ 'openinference.span.kind': 'CHAIN' }).metadata).toEqual({
      'openinference.span.kind': 'CHAIN',
    });
  });

  it('lets the first convention win a field and keeps the other reading in metadata', () => {
    const step = stepFor({ 'gen_ai.request.model': 'gpt-4o', 'llm.model_name': 'gpt-4o-mini' });
    expect(step.model).toBe('gpt-4o');
    expect(step.metadata).toEqual({ 'llm.model_name': 'gpt-4o-mini' });
  });
});

describe('OpenTelemetry GenAI', () => {
  it('reads pre-1.37 message events as input and choice events as output', () => {
    const step = stepFor(
      { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' },
      {
        events: [
          event('gen_ai.system.message', { 'gen_ai.system': 'openai', content: 'Be brief.' }),
          event('gen_ai.user.message', { content: 'Hi' }),
          event('gen_ai.tool.message', { 'gen_ai.event.content': json({ id: 'call_1', content: 'rainy' }) }),
          event('gen_ai.choice', { index: 0, finish_reason: 'stop', message: { content: 'Hello!' } }),
          event('cache.lookup', { hit: false }),
        ],
      },
    );
    expect(step.input).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'tool', id: 'call_1', content: 'rainy' },
      ],
    });
    expect(step.output).toEqual({
      messages: [{ index: 0, finish_reason: 'stop', message: { content: 'Hello!' } }],
    });
    expect(step.metadata?.['otel.events']).toEqual([event('cache.lookup', { hit: false })]);
  });

  it('reads the inference details event of 1.37+', () => {
    const step = stepFor(
      { 'gen_ai.operation.name': 'chat' },
      {
        events: [
          event('gen_ai.client.inference.operation.details', {
            'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Hi' }] }],
            'gen_ai.output.messages': [{ role: 'assistant', parts: [{ type: 'text', content: 'Hello' }] }],
          }),
        ],
      },
    );
    expect(step.input).toEqual({ messages: [{ role: 'user', parts: [{ type: 'text', content: 'Hi' }] }] });
    expect(step.output).toEqual({
      messages: [{ role: 'assistant', parts: [{ type: 'text', content: 'Hello' }] }],
    });
    expect(step.metadata).not.toHaveProperty(['otel.events']);
  });

  it('reads the deprecated gen_ai.prompt / gen_ai.completion, as message lists or plain text', () => {
    expect(
      stepFor({ 'gen_ai.prompt': json([{ role: 'user', content: 'Hi' }]), 'gen_ai.completion': 'Hello' }),
    ).toMatchObject({
      input: { messages: [{ role: 'user', content: 'Hi' }] },
      output: { completion: 'Hello' },
    });
    expect(
      stepFor({}, { events: [event('gen_ai.content.prompt', { 'gen_ai.prompt': 'Say hi' })] }).input,
    ).toEqual({ prompt: 'Say hi' });
  });

  it('reads retrieval queries and documents', () => {
    expect(
      stepFor({
        'gen_ai.operation.name': 'retrieval',
        'gen_ai.retrieval.query.text': 'weather in Paris',
        'gen_ai.retrieval.documents': json([{ id: 'doc_1', score: 0.9 }]),
      }),
    ).toMatchObject({
      kind: 'retrieval',
      input: { query: 'weather in Paris' },
      output: { documents: [{ id: 'doc_1', score: 0.9 }] },
    });
  });

  it('reads the deprecated prompt_tokens / completion_tokens, and one count alone', () => {
    expect(stepFor({ 'gen_ai.usage.prompt_tokens': 5, 'gen_ai.usage.completion_tokens': 7 }).usage).toEqual({
      input_tokens: 5,
      output_tokens: 7,
    });
    expect(stepFor({ 'gen_ai.usage.input_tokens': 12 }).usage).toEqual({
      input_tokens: 12,
      output_tokens: 0,
    });
  });

  it('reads token counts sent as decimal strings and leaves invalid ones in metadata', () => {
    expect(stepFor({ 'gen_ai.usage.input_tokens': '9007199254740' }).usage?.input_tokens).toBe(
      9_007_199_254_740,
    );
    const step = stepFor({ 'gen_ai.usage.input_tokens': -3, 'gen_ai.usage.output_tokens': 1.5 });
    expect(step.usage).toBeUndefined();
    expect(step.metadata).toEqual({ 'gen_ai.usage.input_tokens': -3, 'gen_ai.usage.output_tokens': 1.5 });
  });

  it('keeps tool arguments that are not JSON as text', () => {
    expect(stepFor({ 'gen_ai.tool.name': 'echo', 'gen_ai.tool.call.arguments': '42' }).input).toBe('42');
    expect(stepFor({ 'gen_ai.tool.name': 'echo', 'gen_ai.tool.call.arguments': '{not json' }).input).toBe(
      '{not json',
    );
  });
});

describe('OpenInference', () => {
  it('reads retriever documents as output', () => {
    expect(
      stepFor({
        'openinference.span.kind': 'RETRIEVER',
        'input.value': 'weather in Paris',
        'retrieval.documents.0.document.id': 'doc_1',
        'retrieval.documents.0.document.score': 0.9,
        'retrieval.documents.1.document.id': 'doc_2',
        'retrieval.documents.1.document.content': 'Paris is rainy.',
      }),
    ).toMatchObject({
      kind: 'retrieval',
      input: 'weather in Paris',
      output: {
        documents: [
          { id: 'doc_1', score: 0.9 },
          { id: 'doc_2', content: 'Paris is rainy.' },
        ],
      },
    });
  });

  it('reads embedding texts and drops the vectors', () => {
    const step = stepFor({
      'openinference.span.kind': 'EMBEDDING',
      'embedding.model_name': 'text-embedding-3-small',
      'embedding.embeddings.0.embedding.text': 'hello',
      'embedding.embeddings.0.embedding.vector': [0.1, 0.2, 0.3],
      'embedding.embeddings.1.embedding.text': 'world',
      'embedding.embeddings.1.embedding.vector': [0.4, 0.5, 0.6],
    });
    expect(step).toMatchObject({
      kind: 'model',
      model: 'text-embedding-3-small',
      input: { texts: ['hello', 'world'] },
    });
    expect(step.metadata).toEqual({ 'openinference.span.kind': 'EMBEDDING' });
  });

  it('reads reranker queries and documents', () => {
    expect(
      stepFor({
        'openinference.span.kind': 'RERANKER',
        'reranker.model_name': 'cross-encoder',
        'reranker.query': 'paris',
        'reranker.input_documents.0.document.id': 'a',
        'reranker.output_documents.0.document.id': 'a',
        'reranker.output_documents.0.document.score': 0.7,
      }),
    ).toMatchObject({
      kind: 'custom',
      model: 'cross-encoder',
      input: { query: 'paris', documents: [{ id: 'a' }] },
      output: { documents: [{ id: 'a', score: 0.7 }] },
    });
  });

  it('reads completion prompts and choices, multimodal contents, and sparse indexes as dense lists', () => {
    expect(
      stepFor({
        'openinference.span.kind': 'LLM',
        'llm.prompts.0.prompt.text': 'def fib(n):',
        'llm.choices.0.completion.text': ' return n',
      }),
    ).toMatchObject({
      input: { prompts: [{ text: 'def fib(n):' }] },
      output: { choices: [{ text: ' return n' }] },
    });
    expect(
      stepFor({
        'llm.input_messages.0.message.role': 'user',
        'llm.input_messages.0.message.contents.0.message_content.type': 'text',
        'llm.input_messages.0.message.contents.0.message_content.text': 'What is this?',
        'llm.input_messages.0.message.contents.3.message_content.type': 'image',
        'llm.input_messages.0.message.contents.3.message_content.image.image.url': 'https://img/1.png',
      }).input,
    ).toEqual({
      messages: [
        {
          role: 'user',
          contents: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', image: { image: { url: 'https://img/1.png' } } },
          ],
        },
      ],
    });
  });

  it('prefers the response model name, and adds prompt and completion costs without a total', () => {
    expect(
      stepFor({
        'llm.request.model_name': 'claude-opus',
        'llm.response.model_name': 'claude-opus-4-1',
        'llm.cost.prompt': 0.25,
        'llm.cost.completion': 0.5,
      }),
    ).toMatchObject({ model: 'claude-opus-4-1', cost_usd: 0.75 });
  });

  it('leaves invocation parameters that are not a JSON object in metadata', () => {
    const step = stepFor({
      'openinference.span.kind': 'LLM',
      'llm.invocation_parameters': "{'temperature': 1}",
    });
    expect(step.model_params).toBeUndefined();
    expect(step.metadata).toHaveProperty(['llm.invocation_parameters'], "{'temperature': 1}");
  });

  it('keeps input.value as text when its MIME type is not JSON, even if it looks like JSON', () => {
    expect(stepFor({ 'input.value': '{"a":1}' }).input).toBe('{"a":1}');
  });
});

describe('Traceloop / OpenLLMetry', () => {
  it('reads the request parameters older versions recorded under llm.*', () => {
    expect(
      stepFor({
        'llm.request.type': 'chat',
        'llm.request.model': 'gpt-3.5-turbo',
        'llm.top_k': 40,
        'llm.chat.stop_sequences': ['\n'],
        'gen_ai.request.temperature': 0.1,
        'llm.usage.prompt_tokens': 3,
        'llm.usage.completion_tokens': 4,
      }),
    ).toMatchObject({
      kind: 'model',
      model: 'gpt-3.5-turbo',
      model_params: { temperature: 0.1, top_k: 40, stop_sequences: ['\n'] },
      usage: { input_tokens: 3, output_tokens: 4 },
    });
  });

  it('keeps entity outputs that are not JSON objects as they came', () => {
    expect(stepFor({ 'traceloop.span.kind': 'task', 'traceloop.entity.output': '"done"' }).output).toBe(
      '"done"',
    );
  });
});

describe('errors', () => {
  it.each([
    [{ code: 2 as const, message: 'quota exceeded' }, {}, [], { message: 'quota exceeded' }],
    [{ code: 2 as const, message: '' }, { 'error.type': '429' }, [], { message: '429', type: '429' }],
    [{ code: 2 as const, message: '' }, {}, [], { message: 'error' }],
    [
      { code: 2 as const, message: 'failed' },
      {},
      [event('exception', { 'exception.type': 'ValueError', 'exception.stacktrace': 's'.repeat(9_000) })],
      { message: 'failed', type: 'ValueError', stacktrace: 's'.repeat(8_000) },
    ],
  ])('reads status %j with %j and events %j as %j', (status, attributes, events, error) => {
    expect(stepFor(attributes, { status, events }).error).toEqual(error);
  });

  it('keeps exceptions recorded on spans that did not fail as events in metadata', () => {
    const exception = event('exception', { 'exception.message': 'retried' });
    const step = stepFor({}, { status: { code: 1, message: '' }, events: [exception] });
    expect(step.error).toBeUndefined();
    expect(step.metadata?.['otel.events']).toEqual([exception]);
  });
});

describe('run metadata', () => {
  it.each([
    [
      { 'agent.version': '7', 'service.version': '2.0' },
      { agent_version: '7', release: '2.0' },
    ],
    [{ 'service.version': '2.0' }, { agent_version: '2.0', release: '2.0' }],
    [{ 'deployment.environment': 'staging' }, { env: 'staging' }],
    [{ 'deployment.environment.name': 'prod', 'deployment.environment': 'old' }, { env: 'prod' }],
  ])('reads resource %j as %j', (resource, expected) => {
    const [trace] = mapSpans([
      {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        parentSpanId: null,
        name: 'op',
        kind: 1,
        startTime: TIME,
        endTime: TIME,
        attributes: {},
        events: [],
        status: { code: 0, message: '' },
        resource,
        scope: { name: '', version: '' },
      },
    ]);
    expect(trace.run.metadata).toMatchObject(expected);
  });
});
