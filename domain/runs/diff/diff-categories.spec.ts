import { unwrap } from '../../../test/support/results';
import { type DiffProfile, type DiffRun } from './diff-input';
import { type RunDiff } from './diff-output';
import { aModelStep, aPromptStep, aToolStep, agentRun, edit } from './diff-run.fake';
import { diffRuns } from './run-diff';

const diff = (a: DiffRun, b: DiffRun, profile?: DiffProfile): RunDiff => unwrap(diffRuns(a, b, profile));

describe('diffRuns categories', () => {
  it('puts a temperature change in the model category and nowhere else', () => {
    const a = agentRun();
    const result = diff(a, edit(a, 1, { model_params: { temperature: 0.7, max_tokens: 512 } }));
    expect(result.categories.model).toEqual({
      changed: true,
      changes: [
        {
          op: 'changed',
          a: expect.objectContaining({ index: 1 }),
          b: expect.objectContaining({ index: 1 }),
          changes: [{ path: 'model_params.temperature', change: 'changed', a: 0.2, b: 0.7 }],
        },
      ],
    });
    expect(result.summary.changed_categories).toEqual(['model']);
  });

  it('puts changes to what a model step was sent under prompt, and its model settings under model', () => {
    const a = agentRun();
    const result = diff(
      a,
      edit(a, 1, {
        model_params: { temperature: 0.2, max_tokens: 1024 },
        input: {
          messages: [
            { role: 'system', content: 'You are a terse assistant.' },
            { role: 'user', content: 'question 1' },
          ],
        },
      }),
    );
    expect(result.categories.prompt.changes[0]?.changes).toEqual([
      {
        path: 'input.messages[0].content',
        change: 'changed',
        a: 'You are a careful assistant.',
        b: 'You are a terse assistant.',
      },
    ]);
    expect(result.categories.model.changes[0]?.changes).toEqual([
      { path: 'model_params.max_tokens', change: 'changed', a: 512, b: 1024 },
    ]);
    expect(result.steps[1]?.changes).toHaveLength(2);
    expect(result.summary.changed_categories).toEqual(['prompt', 'model']);
  });

  it('leaves a model output change to the step list, outside every category', () => {
    const a = agentRun();
    const result = diff(a, edit(a, 1, { output: { content: 'another answer' } }));
    expect(result.summary).toMatchObject({ changed: 1, changed_categories: [], identical: false });
  });

  it('reports prompt steps changed, added and removed under prompt', () => {
    const a = agentRun();
    const changed = diff(
      a,
      edit(a, 0, { input: { template: 'Answer in {{language}}', variables: { language: 'French' } } }),
    );
    expect(changed.categories.prompt.changes).toEqual([
      expect.objectContaining({
        op: 'changed',
        changes: [{ path: 'input.variables.language', change: 'changed', a: 'English', b: 'French' }],
      }),
    ]);
    const added = diff(a, { ...a, steps: [...a.steps, aPromptStep(0.5, { name: 'persona' })] });
    expect(added.categories.prompt.changes).toEqual([
      { op: 'inserted', b: expect.objectContaining({ kind: 'prompt', name: 'persona' }) },
    ]);
  });

  it('reports tool calls added and removed by tool name, and changed arguments and results', () => {
    const a = agentRun();
    const changedArgs = diff(a, edit(a, 2, { input: { query: 'other' } }));
    expect(changedArgs.categories.tools.changes).toEqual([
      expect.objectContaining({
        op: 'changed',
        a: expect.objectContaining({ tool: 'search' }),
        changes: [{ path: 'input.query', change: 'changed', a: 'query 2', b: 'other' }],
      }),
    ]);
    const changedResult = edit(a, 2, { output: { hits: ['hit 2', 'hit 3'] } });
    const b = {
      ...changedResult,
      steps: [...changedResult.steps.filter((s) => s.id !== 'step-3'), aToolStep(3.5, 'browser')],
    };
    const result = diff(a, b);
    expect(
      result.categories.tools.changes.map((c) => [c.op, (c.a ?? c.b)?.tool, c.changes?.map((x) => x.path)]),
    ).toEqual([
      ['changed', 'search', ['output.hits[1]']],
      ['deleted', 'fetch', undefined],
      ['inserted', 'browser', undefined],
    ]);
  });

  it('reports model calls added and removed under model', () => {
    const a = agentRun();
    const result = diff(a, { ...a, steps: [...a.steps, aModelStep(9, { name: 'critic', model: 'o3' })] });
    expect(result.categories.model.changes).toEqual([
      { op: 'inserted', b: expect.objectContaining({ kind: 'model', name: 'critic', model: 'o3' }) },
    ]);
    expect(result.categories.prompt.changed).toBe(false);
  });

  it('reports run tags added and removed, sorted, then run metadata changes', () => {
    const a = agentRun();
    const b = {
      ...a,
      tags: ['v2', 'prod', 'canary'],
      metadata: { release: '1.1', env: 'prod', region: 'eu' },
    };
    expect(diff(a, b).categories.metadata).toEqual({
      changed: true,
      changes: [
        { path: 'tags', change: 'removed', a: 'v1' },
        { path: 'tags', change: 'added', b: 'canary' },
        { path: 'tags', change: 'added', b: 'v2' },
        { path: 'metadata.region', change: 'added', b: 'eu' },
        { path: 'metadata.release', change: 'changed', a: '1.0', b: '1.1' },
      ],
    });
  });

  it('treats tags as a set, so their order and repeats do not matter', () => {
    const a = agentRun();
    expect(diff(a, { ...a, tags: ['v1', 'prod', 'v1'] }).categories.metadata.changed).toBe(false);
  });
});
