import { type DiffRun, type DiffStep } from './diff-input';

/** Test-data builders for diffs: valid by default, every field overridable. Step `at` is seconds after BASE. */
const BASE = Date.parse('2026-11-23T10:00:00.000Z');

export function aStep(at: number, overrides: Partial<DiffStep> = {}): DiffStep {
  return {
    id: `step-${at}`,
    kind: 'custom',
    name: `custom ${at}`,
    parent_id: null,
    started_at: new Date(BASE + at * 1000).toISOString(),
    ended_at: new Date(BASE + at * 1000 + 250).toISOString(),
    duration_ms: 250,
    model: null,
    model_params: null,
    tool: null,
    input: null,
    output: null,
    usage: null,
    cost_usd: null,
    error: null,
    metadata: {},
    redactions: [],
    ...overrides,
  };
}

export function aModelStep(at: number, overrides: Partial<DiffStep> = {}): DiffStep {
  return aStep(at, {
    kind: 'model',
    name: 'llm',
    model: 'gpt-4o',
    model_params: { temperature: 0.2, max_tokens: 512 },
    input: {
      messages: [
        { role: 'system', content: 'You are a careful assistant.' },
        { role: 'user', content: `question ${at}` },
      ],
    },
    output: { content: `answer ${at}`, request_id: `req-${at}` },
    usage: { input_tokens: 40, output_tokens: 12 },
    cost_usd: 0.0004,
    ...overrides,
  });
}

export function aToolStep(at: number, tool = 'search', overrides: Partial<DiffStep> = {}): DiffStep {
  return aStep(at, {
    kind: 'tool',
    name: tool,
    tool,
    input: { query: `query ${at}` },
    output: { hits: [`hit ${at}`] },
    ...overrides,
  });
}

export function aPromptStep(at: number, overrides: Partial<DiffStep> = {}): DiffStep {
  return aStep(at, {
    kind: 'prompt',
    name: 'system',
    input: { template: 'Answer in {{language}}', variables: { language: 'English' } },
    ...overrides,
  });
}

export function aRun(steps: readonly DiffStep[], overrides: Partial<Omit<DiffRun, 'steps'>> = {}): DiffRun {
  return { id: 'run-a', name: 'checkout', status: 'succeeded', tags: [], metadata: {}, steps, ...overrides };
}

/**
 * The same run recorded again: new run and step ids, later timestamps, other durations and costs,
 * i.e. only the noise the default profile ignores is different.
 */
export function rerun(run: DiffRun, id = 'run-b'): DiffRun {
  const shift = 3_600_000;
  const later = (iso: string | null) =>
    iso === null ? null : new Date(Date.parse(iso) + shift).toISOString();
  return {
    ...run,
    id,
    steps: run.steps.map((step) => ({
      ...step,
      id: `${id}-${step.id}`,
      parent_id: step.parent_id === null ? null : `${id}-${step.parent_id}`,
      started_at: later(step.started_at) as string,
      ended_at: later(step.ended_at),
      duration_ms: step.duration_ms === null ? null : step.duration_ms + 17,
      cost_usd: step.cost_usd === null ? null : step.cost_usd * 2,
    })),
  };
}

/** A small agent run: system prompt, a model call, two tool calls, a final model call. */
export const agentRun = (): DiffRun =>
  aRun(
    [
      aPromptStep(0),
      aModelStep(1),
      aToolStep(2, 'search'),
      aToolStep(3, 'fetch', { input: { url: 'https://example.test/a' } }),
      aModelStep(4, { name: 'answer' }),
    ],
    { tags: ['prod', 'v1'], metadata: { release: '1.0', env: 'prod' } },
  );

/** The run with the step at `index` (in time order) with `patch` applied. */
export function edit(run: DiffRun, index: number, patch: Partial<DiffStep>): DiffRun {
  return { ...run, steps: run.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) };
}
