import fc from 'fast-check';
import { type DiffStep } from './diff-input';
import { aModelStep, aStep, aToolStep } from './diff-run.fake';
import { type StepPairing, alignSteps, orderSteps, stepSignature } from './step-alignment';

const ids = (steps: readonly DiffStep[]) => steps.map((s) => s.id);
const shape = (pairings: readonly StepPairing[]) =>
  pairings.map((p) =>
    p.op === 'deleted'
      ? `-${p.a}`
      : p.op === 'inserted'
        ? `+${p.b}`
        : `${p.op === 'matched' ? '=' : '~'}${p.a}:${p.b}`,
  );

describe('orderSteps', () => {
  it('orders by start time, then by id among steps that started together', () => {
    const steps = [
      aStep(2, { id: 'c' }),
      aStep(1, { id: 'b' }),
      aStep(1, { id: 'a' }),
      aStep(0, { id: 'z' }),
    ];
    expect(ids(orderSteps(steps))).toEqual(['z', 'a', 'b', 'c']);
  });

  it('compares start times as instants, so time-zone offsets do not reorder steps', () => {
    const early = aStep(0, { id: 'b', started_at: '2026-11-23T12:00:00+02:00' }); // 10:00Z
    const late = aStep(0, { id: 'a', started_at: '2026-11-23T10:30:00Z' });
    expect(ids(orderSteps([late, early]))).toEqual(['b', 'a']);
  });

  it('keeps sub-millisecond order that an instant cannot see', () => {
    const first = aStep(0, { id: 'b', started_at: '2026-11-23T10:00:00.000100Z' });
    const second = aStep(0, { id: 'a', started_at: '2026-11-23T10:00:00.000200Z' });
    expect(ids(orderSteps([second, first]))).toEqual(['b', 'a']);
  });

  it('puts steps with an unreadable start time last', () => {
    const bad = aStep(0, { id: 'a', started_at: 'not a time' });
    expect(ids(orderSteps([bad, aStep(5, { id: 'b' })]))).toEqual(['b', 'a']);
  });

  it('orders duplicates of (started_at, id), which only bad data has, by content', () => {
    const x = aStep(0, { id: 'same', output: 'x' });
    const y = aStep(0, { id: 'same', output: 'y' });
    expect(orderSteps([y, x]).map((s) => s.output)).toEqual(['x', 'y']);
    expect(orderSteps([x, y]).map((s) => s.output)).toEqual(['x', 'y']);
  });

  it('gives the same order whatever order the steps arrive in', () => {
    const steps = Array.from({ length: 30 }, (_, i) => aStep(i % 7, { id: `s${(i * 11) % 30}` }));
    const expected = ids(orderSteps(steps));
    fc.assert(
      fc.property(fc.shuffledSubarray(steps, { minLength: 30 }), (shuffled) => {
        expect(ids(orderSteps(shuffled))).toEqual(expected);
      }),
    );
  });

  it('leaves its input untouched', () => {
    const steps = [aStep(2), aStep(1)];
    orderSteps(steps);
    expect(ids(steps)).toEqual(['step-2', 'step-1']);
  });
});

describe('stepSignature', () => {
  it('takes the model of a model step and the tool of a tool step, and neither for other kinds', () => {
    const model = aModelStep(0);
    expect(stepSignature(model)).toBe(stepSignature(aModelStep(9, { input: 'other', output: 'other' })));
    expect(stepSignature(model)).not.toBe(stepSignature(aModelStep(0, { model: 'o3' })));
    expect(stepSignature(model)).not.toBe(stepSignature(aModelStep(0, { name: 'other' })));
    expect(stepSignature(aToolStep(0, 'search'))).not.toBe(
      stepSignature(aToolStep(0, 'fetch', { name: 'search' })),
    );
    const policy = aStep(0, { kind: 'policy', name: 'gate' });
    expect(stepSignature({ ...policy, model: 'm', tool: 't' })).toBe(stepSignature(policy));
    expect(stepSignature(policy)).not.toBe(stepSignature({ ...policy, kind: 'approval' }));
  });

  it('cannot be confused by names that contain separators, or by a missing name', () => {
    const signature = (name: string | null, tool: string | null) =>
      stepSignature(aStep(0, { kind: 'tool', name, tool }));
    expect(signature('a|1:b', null)).not.toBe(signature('a', 'b'));
    expect(signature('a', '-')).not.toBe(signature('a', null));
    expect(signature(null, 'x')).not.toBe(signature('-', 'x'));
    expect(signature('', 'x')).not.toBe(signature(null, 'x'));
  });
});

describe('alignSteps', () => {
  const run = (n: number) => Array.from({ length: n }, (_, i) => aToolStep(i, `tool-${i}`));

  it('shows one inserted step as one insertion and matches every step after it', () => {
    const a = run(6);
    const b = [...a.slice(0, 2), aToolStep(2.5, 'new-tool'), ...a.slice(2)];
    expect(shape(alignSteps(a, b))).toEqual(['=0:0', '=1:1', '+2', '=2:3', '=3:4', '=4:5', '=5:6']);
  });

  it('shows one deleted step as one deletion', () => {
    const a = run(4);
    expect(shape(alignSteps(a, [a[0]!, a[1]!, a[3]!]))).toEqual(['=0:0', '=1:1', '-2', '=3:2']);
  });

  it('pairs a model swap (same kind and name, other model) as one changed step', () => {
    const a = [aToolStep(0), aModelStep(1), aToolStep(2)];
    const b = [aToolStep(0), aModelStep(1, { model: 'claude-sonnet' }), aToolStep(2)];
    expect(shape(alignSteps(a, b))).toEqual(['=0:0', '~1:1', '=2:2']);
  });

  it('pairs a tool swap under the same step name', () => {
    const a = [aToolStep(0, 'search', { name: 'lookup' })];
    const b = [aToolStep(0, 'web_search', { name: 'lookup' })];
    expect(shape(alignSteps(a, b))).toEqual(['~0:0']);
  });

  it('keeps a deleted and an inserted step of different kinds or names apart', () => {
    expect(shape(alignSteps([aToolStep(0, 'a')], [aToolStep(0, 'b')]))).toEqual(['-0', '+0']);
    expect(shape(alignSteps([aModelStep(0)], [aToolStep(0)]))).toEqual(['-0', '+0']);
  });

  it('pairs every swapped step in a stretch, in order, and leaves the unmatched ones as they are', () => {
    const a = [aModelStep(0), aModelStep(1), aToolStep(2, 'old')];
    const b = [aModelStep(0, { model: 'claude' }), aToolStep(1, 'fresh'), aModelStep(2, { model: 'claude' })];
    // Tool steps differ in name, so they stay apart; both model steps pair across them.
    expect(shape(alignSteps(a, b))).toEqual(['~0:0', '+1', '~1:2', '-2']);
  });

  it('accounts for every step of both runs exactly once, in order', () => {
    const kinds = fc.constantFrom('a', 'b', 'c');
    const steps = (names: string[]) => names.map((n, i) => aToolStep(i, n));
    fc.assert(
      fc.property(fc.array(kinds, { maxLength: 25 }), fc.array(kinds, { maxLength: 25 }), (x, y) => {
        const pairings = alignSteps(steps(x), steps(y));
        const fromA = pairings.flatMap((p) => (p.op === 'inserted' ? [] : [p.a]));
        const fromB = pairings.flatMap((p) => (p.op === 'deleted' ? [] : [p.b]));
        expect(fromA).toEqual(x.map((_, i) => i));
        expect(fromB).toEqual(y.map((_, i) => i));
      }),
    );
  });
});
