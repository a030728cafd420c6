import fc from 'fast-check';
import { unwrap } from '../../../test/support/results';
import { type DiffProfile, type DiffRun, type DiffStep } from './diff-input';
import { type RunDiff } from './diff-output';
import { aRun, aStep } from './diff-run.fake';
import { diffRuns } from './run-diff';

const diff = (a: DiffRun, b: DiffRun, profile?: DiffProfile): RunDiff => unwrap(diffRuns(a, b, profile));

describe('diffRuns determinism', () => {
  /** Rebuilds every object of a JSON value with its keys in a random order. */
  const shuffleKeys = (value: unknown, random: () => number): unknown => {
    if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
  };
  const seeded = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };

  const stepArb = fc
    .record({
      at: fc.integer({ min: 0, max: 40 }),
      kind: fc.constantFrom('model', 'tool', 'prompt', 'custom'),
      name: fc.constantFrom('a', 'b'),
      detail: fc.constantFrom('x', 'y'),
      payload: fc.jsonValue({ maxDepth: 2 }),
    })
    .map(({ at, kind, name, detail, payload }) =>
      aStep(at, {
        kind: kind as DiffStep['kind'],
        name,
        model: kind === 'model' ? detail : null,
        tool: kind === 'tool' ? detail : null,
        input: { payload, n: at % 3 },
      }),
    );
  const runArb = (id: string) =>
    fc
      .uniqueArray(stepArb, { maxLength: 12, selector: (s) => s.id })
      .map((steps) => aRun(steps, { id, tags: ['t'], metadata: { k: steps.length % 2 } }));

  it('gives byte-identical JSON whatever the step storage order and payload key order', () => {
    fc.assert(
      fc.property(runArb('a'), runArb('b'), fc.integer(), (a, b, seed) => {
        const random = seeded(Math.abs(seed));
        const scrambled = (run: DiffRun): DiffRun => {
          const steps = [...run.steps];
          for (let i = steps.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [steps[i], steps[j]] = [steps[j]!, steps[i]!];
          }
          return shuffleKeys({ ...run, steps }, random) as DiffRun;
        };
        expect(JSON.stringify(diff(scrambled(a), scrambled(b)))).toBe(JSON.stringify(diff(a, b)));
      }),
      { numRuns: 200 },
    );
  });

  it('finds any run identical to itself', () => {
    fc.assert(fc.property(runArb('a'), (a) => expect(diff(a, a).summary.identical).toBe(true)));
  });

  it('accounts for every step: same, changed and deleted add up to run A, same, changed and inserted to run B', () => {
    fc.assert(
      fc.property(runArb('a'), runArb('b'), (a, b) => {
        const { summary } = diff(a, b);
        expect(summary.same + summary.changed + summary.deleted).toBe(a.steps.length);
        expect(summary.same + summary.changed + summary.inserted).toBe(b.steps.length);
      }),
    );
  });

  it('shows steps added to a run as insertions one way and as deletions the other, leaving the rest the same', () => {
    const extras = fc
      .uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 6 })
      .map((ats) => ats.map((at, i) => aStep(at, { id: `extra-${i}`, name: `extra ${i}` })));
    fc.assert(
      fc.property(runArb('a'), extras, (a, added) => {
        const b = { ...a, steps: [...a.steps, ...added] };
        expect(diff(a, b).summary).toMatchObject({
          same: a.steps.length,
          inserted: added.length,
          deleted: 0,
        });
        expect(diff(b, a).summary).toMatchObject({
          same: a.steps.length,
          inserted: 0,
          deleted: added.length,
        });
      }),
    );
  });
});
