import { failure, unwrap } from '../../../test/support/results';
import { type DiffProfile, type DiffRun, type DiffStep } from './diff-input';
import { type RunDiff } from './diff-output';
import { aModelStep, aPromptStep, aRun, aStep, aToolStep, agentRun, edit, rerun } from './diff-run.fake';
import { diffRuns } from './run-diff';

const diff = (a: DiffRun, b: DiffRun, profile?: DiffProfile): RunDiff => unwrap(diffRuns(a, b, profile));
const ops = (result: RunDiff) => result.steps.map((s) => s.op);

describe('diffRuns on identical work', () => {
  it('finds two recordings of the same work identical although ids, times, durations and costs differ', () => {
    const a = agentRun();
    const result = diff(a, rerun(a));
    expect(ops(result)).toEqual(['same', 'same', 'same', 'same', 'same']);
    expect(result.summary).toEqual({
      steps_a: 5,
      steps_b: 5,
      same: 5,
      changed: 0,
      inserted: 0,
      deleted: 0,
      changed_categories: [],
      identical: true,
    });
    expect(result.categories.prompt).toEqual({ changed: false, changes: [] });
  });

  it('ignores id, clock and request keys inside payloads under the default profile', () => {
    const a = aRun([aModelStep(0, { output: { text: 'x', id: 'msg_1', created: 1, request_id: 'r1' } })]);
    const b = aRun([aModelStep(0, { output: { text: 'x', id: 'msg_2', created: 2, request_id: 'r2' } })]);
    expect(ops(diff(a, b))).toEqual(['same']);
  });

  it('does not compare fields a step view carries beyond the step itself', () => {
    const withRun = (run: DiffRun, runId: string) =>
      ({ ...run, steps: run.steps.map((s) => ({ ...s, run_id: runId, tenant_id: runId })) }) as DiffRun;
    const a = agentRun();
    expect(diff(withRun(a, 'r1'), withRun(rerun(a), 'r2')).summary.identical).toBe(true);
  });

  it('copes with views that leave out redactions and tags', () => {
    const { redactions: _r, ...bare } = aStep(0, { output: '[REDACTED:email]' });
    const run = { ...aRun([bare as DiffStep]), tags: undefined } as unknown as DiffRun;
    expect(diff(run, agentRun()).summary.steps_a).toBe(1);
    expect(diff(run, structuredClone(run)).summary.identical).toBe(true);
  });

  it('treats a missing step metadata like an empty one', () => {
    const { metadata: _dropped, ...bare } = aStep(0);
    expect(ops(diff(aRun([bare as DiffStep]), aRun([aStep(0, { metadata: {} })])))).toEqual(['same']);
  });
});

describe('diffRuns alignment', () => {
  it('shows one inserted step as one inserted op and keeps every later step the same', () => {
    const a = agentRun();
    const b = { ...a, steps: [...a.steps, aToolStep(2.5, 'calculator')] };
    const result = diff(a, b);
    expect(ops(result)).toEqual(['same', 'same', 'same', 'inserted', 'same', 'same']);
    expect(result.steps[3]).toEqual({
      op: 'inserted',
      b: { index: 3, id: 'step-2.5', kind: 'tool', name: 'calculator', model: null, tool: 'calculator' },
    });
    expect(result.steps[4]).toMatchObject({ a: { index: 3 }, b: { index: 4 } });
  });

  it('shows one deleted step as one deleted op', () => {
    const a = agentRun();
    const b = { ...a, steps: a.steps.filter((s) => s.id !== 'step-2') };
    const result = diff(a, b);
    expect(ops(result)).toEqual(['same', 'same', 'deleted', 'same', 'same']);
    expect(result.summary).toMatchObject({ same: 4, deleted: 1, changed_categories: ['tools'] });
  });

  it('shows a model swap as one changed step whose changes include the model', () => {
    const a = agentRun();
    const result = diff(a, edit(a, 1, { model: 'claude-sonnet' }));
    expect(ops(result)).toEqual(['same', 'changed', 'same', 'same', 'same']);
    expect(result.steps[1]?.changes).toEqual([
      { path: 'model', change: 'changed', a: 'gpt-4o', b: 'claude-sonnet' },
    ]);
    expect(result.steps[1]).toMatchObject({ a: { model: 'gpt-4o' }, b: { model: 'claude-sonnet' } });
  });

  it('points at steps by reference and never copies their payloads into the step list', () => {
    const a = agentRun();
    const result = diff(a, edit(a, 2, { output: { hits: ['other'] } }));
    expect(Object.keys(result.steps[2]!)).toEqual(['op', 'a', 'b', 'changes']);
    expect(result.steps[2]!.a).toEqual({
      index: 2,
      id: 'step-2',
      kind: 'tool',
      name: 'search',
      model: null,
      tool: 'search',
    });
    expect(Object.keys(result.steps[0]!)).toEqual(['op', 'a', 'b']);
  });
});

describe('diffRuns profiles', () => {
  const tenant = (overrides: Partial<DiffProfile>): DiffProfile => ({
    name: 'acme',
    ignore_paths: [],
    ignore_keys: [],
    ...overrides,
  });

  it('ignores the paths a tenant profile lists, in steps and in run metadata', () => {
    const a = agentRun();
    const b = {
      ...edit(a, 2, { output: { hits: ['different'] } }),
      metadata: { ...a.metadata, build: 'b-2' },
    };
    expect(diff(a, b).summary.identical).toBe(false);
    const quiet = diff(a, b, tenant({ ignore_paths: ['output.hits', 'metadata.build'] }));
    expect(quiet.summary.identical).toBe(true);
    expect(quiet.profile.ignore_paths).toContain('output.hits');
  });

  it('ignores a step message id through a wildcard path', () => {
    const withIds = (id: string) => ({
      messages: [
        { mid: `${id}-1`, role: 'user', content: 'hi' },
        { mid: `${id}-2`, role: 'user', content: 'there' },
      ],
    });
    const a = aRun([aModelStep(0, { input: withIds('a') })]);
    const b = aRun([aModelStep(0, { input: withIds('b') })]);
    expect(diff(a, b).steps[0]?.changes).toHaveLength(2);
    expect(ops(diff(a, b, tenant({ ignore_paths: ['input.messages[*].mid'] })))).toEqual(['same']);
  });

  it('ignores keys a tenant profile lists at any depth, and still ignores the default ones', () => {
    const a = aRun([aToolStep(0, 'search', { output: { hits: [{ score: 1, id: 'x' }] } })]);
    const b = aRun([aToolStep(0, 'search', { output: { hits: [{ score: 2, id: 'y' }] } })]);
    expect(ops(diff(a, b, tenant({ ignore_keys: ['score'] })))).toEqual(['same']);
  });

  it('tells a tag list the profile ignores apart from one it does not', () => {
    const a = agentRun();
    const b = { ...a, tags: ['other'] };
    expect(diff(a, b).categories.metadata.changed).toBe(true);
    expect(diff(a, b, tenant({ ignore_paths: ['tags'] })).categories.metadata.changed).toBe(false);
  });

  it('can make a model swap count as the same step when the profile ignores the model', () => {
    const a = agentRun();
    expect(ops(diff(a, edit(a, 1, { model: 'o3' }), tenant({ ignore_paths: ['model'] })))[1]).toBe('same');
  });

  it('reports the effective profile, the default merged with the one asked for', () => {
    const result = diff(agentRun(), agentRun(), tenant({ ignore_keys: ['seed'] }));
    expect(result.profile).toEqual({
      name: 'acme',
      ignore_paths: ['id', 'parent_id', 'started_at', 'ended_at', 'duration_ms', 'cost_usd'],
      ignore_keys: ['id', 'timestamp', 'created', 'created_at', 'request_id', 'trace_id', 'span_id', 'seed'],
    });
  });

  it('fails with a validation error, not an exception, on a malformed profile path', () => {
    const result = diffRuns(agentRun(), agentRun(), tenant({ ignore_paths: ['input.messages[x]'] }));
    expect(result).toEqual(failure('validation', 'invalid_diff_profile'));
    if (result.ok) return;
    expect(result.error.fields).toEqual([
      { path: 'ignore_paths[0]', message: expect.stringContaining('expected an index, "*" or a quoted key') },
    ]);
  });
});

describe('diffRuns on redacted values', () => {
  const redacted = (hash: string) =>
    aRun([
      aModelStep(0, {
        input: { messages: [{ role: 'user', content: 'mail [REDACTED:email]' }] },
        redactions: [{ path: 'input.messages[0].content', type: 'email', hash }],
      }),
    ]);

  it('reports a changed hidden value as changed (redacted), under prompt, without values', () => {
    const result = diff(redacted('h1'), redacted('h2'));
    const change = { path: 'input.messages[0].content', change: 'changed (redacted)', type: 'email' };
    expect(result.steps[0]?.changes).toEqual([change]);
    expect(result.categories.prompt.changes[0]?.changes).toEqual([change]);
  });

  it('does not report a hidden value whose hash is the same', () => {
    expect(diff(redacted('h1'), redacted('h1')).summary.identical).toBe(true);
  });
});

describe('diffRuns output', () => {
  it('builds every object in a fixed key order', () => {
    const result = diff(agentRun(), edit(agentRun(), 1, { model: 'o3' }));
    expect(Object.keys(result)).toEqual(['run_a', 'run_b', 'profile', 'summary', 'categories', 'steps']);
    expect(Object.keys(result.run_a)).toEqual(['id', 'name', 'status', 'step_count']);
    expect(Object.keys(result.summary)).toEqual([
      'steps_a',
      'steps_b',
      'same',
      'changed',
      'inserted',
      'deleted',
      'changed_categories',
      'identical',
    ]);
    expect(Object.keys(result.categories)).toEqual(['prompt', 'tools', 'model', 'metadata']);
    expect(Object.keys(result.categories.model)).toEqual(['changed', 'changes']);
  });

  it('answers with exactly this document for a small regression', () => {
    const a = aRun([aPromptStep(0), aModelStep(1), aToolStep(2, 'search')], { id: 'good', tags: ['v1'] });
    const b = aRun(
      [
        aPromptStep(0),
        aModelStep(1, { model: 'o3', model_params: { temperature: 0.2 } }),
        aToolStep(1.5, 'calculator'),
        aToolStep(2, 'search', { output: { hits: [] } }),
      ],
      { id: 'bad', name: null, status: 'failed', tags: ['v2'] },
    );
    const stepA = (
      index: number,
      id: string,
      kind: string,
      name: string,
      model: string | null,
      tool: string | null,
    ) => ({
      index,
      id,
      kind,
      name,
      model,
      tool,
    });
    const model = {
      op: 'changed',
      a: stepA(1, 'step-1', 'model', 'llm', 'gpt-4o', null),
      b: stepA(1, 'step-1', 'model', 'llm', 'o3', null),
      changes: [
        { path: 'model', change: 'changed', a: 'gpt-4o', b: 'o3' },
        { path: 'model_params.max_tokens', change: 'removed', a: 512 },
      ],
    };
    const inserted = { op: 'inserted', b: stepA(2, 'step-1.5', 'tool', 'calculator', null, 'calculator') };
    const search = {
      op: 'changed',
      a: stepA(2, 'step-2', 'tool', 'search', null, 'search'),
      b: stepA(3, 'step-2', 'tool', 'search', null, 'search'),
      changes: [{ path: 'output.hits[0]', change: 'removed', a: 'hit 2' }],
    };
    expect(JSON.parse(JSON.stringify(diff(a, b)))).toEqual({
      run_a: { id: 'good', name: 'checkout', status: 'succeeded', step_count: 3 },
      run_b: { id: 'bad', name: null, status: 'failed', step_count: 4 },
      profile: {
        name: 'default',
        ignore_paths: ['id', 'parent_id', 'started_at', 'ended_at', 'duration_ms', 'cost_usd'],
        ignore_keys: ['id', 'timestamp', 'created', 'created_at', 'request_id', 'trace_id', 'span_id'],
      },
      summary: {
        steps_a: 3,
        steps_b: 4,
        same: 1,
        changed: 2,
        inserted: 1,
        deleted: 0,
        changed_categories: ['tools', 'model', 'metadata'],
        identical: false,
      },
      categories: {
        prompt: { changed: false, changes: [] },
        tools: { changed: true, changes: [inserted, search] },
        model: { changed: true, changes: [model] },
        metadata: {
          changed: true,
          changes: [
            { path: 'tags', change: 'removed', a: 'v1' },
            { path: 'tags', change: 'added', b: 'v2' },
          ],
        },
      },
      steps: [
        {
          op: 'same',
          a: stepA(0, 'step-0', 'prompt', 'system', null, null),
          b: stepA(0, 'step-0', 'prompt', 'system', null, null),
        },
        model,
        inserted,
        search,
      ],
    });
  });
});
