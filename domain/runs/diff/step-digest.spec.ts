import fc from 'fast-check';
import { unwrap } from '../../../test/support/results';
import { sha256Hex } from '../../../test/support/sha256';
import { type DiffRun, type DiffStep, type OutlinedStep } from './diff-input';
import { aModelStep, aRun, aStep, agentRun, rerun } from './diff-run.fake';
import { DEFAULT_DIFF_PROFILE } from './diff-profile';
import { alignRuns, diffAligned, diffRuns, stepsToCompare, withContent } from './run-diff';
import {
  type DigestedStep,
  STEP_DIGEST_VERSION,
  sameDigest,
  stepDigest,
  stepDigestText,
} from './step-digest';

/** The stored step behind a diff step (the view maps these fields one to one). */
const stored = (step: DiffStep): DigestedStep => ({
  kind: step.kind,
  name: step.name,
  model: step.model,
  modelParams: step.model_params,
  tool: step.tool,
  input: step.input,
  output: step.output,
  inputTokens: step.usage?.input_tokens ?? null,
  outputTokens: step.usage?.output_tokens ?? null,
  error: step.error,
  metadata: step.metadata ?? null,
  redactions: step.redactions,
});
const digested = (step: DiffStep): DiffStep => ({ ...step, digest: stepDigest(stored(step), sha256Hex) });
const outlineOf = (step: DiffStep): OutlinedStep => ({
  outline: true,
  id: step.id,
  kind: step.kind,
  name: step.name,
  parent_id: step.parent_id,
  started_at: step.started_at,
  model: step.model,
  tool: step.tool,
  digest: step.digest ?? null,
});

/** A diff done as the use case does it: outlines, then only the steps the digests cannot vouch for. */
function diffFromOutlines(runA: DiffRun, runB: DiffRun) {
  const aligned = alignRuns(runA.steps.map(outlineOf), runB.steps.map(outlineOf));
  const needed = stepsToCompare(aligned);
  const load = (run: DiffRun, ids: ReadonlySet<string>) =>
    new Map(run.steps.filter((s) => ids.has(s.id)).map((s) => [s.id, s]));
  const diff = diffAligned(runA, runB, withContent(aligned, load(runA, needed.a), load(runB, needed.b)));
  return { diff: unwrap(diff), loaded: needed.a.size + needed.b.size };
}

describe('step digests', () => {
  const base = aModelStep(1, {
    metadata: { attempt: 1 },
    error: { message: 'partial' },
    input: { messages: [{ role: 'user', content: '[REDACTED:email] wrote' }] },
    redactions: [{ path: 'input.messages[0].content', type: 'email', hash: 'h1' }],
  });

  it.each<[string, Partial<DiffStep>]>([
    ['kind', { kind: 'custom' }],
    ['name', { name: 'other' }],
    ['model', { model: 'gpt-4.1' }],
    ['model_params', { model_params: { temperature: 0.3, max_tokens: 512 } }],
    ['tool', { tool: 'search' }],
    ['input', { input: { messages: [] } }],
    ['output', { output: { content: 'other', request_id: 'req-1' } }],
    ['input tokens', { usage: { input_tokens: 41, output_tokens: 12 } }],
    ['output tokens', { usage: { input_tokens: 40, output_tokens: 13 } }],
    ['error', { error: null }],
    ['metadata', { metadata: { attempt: 2 } }],
    ['a redacted value', { redactions: [{ path: 'input.messages[0].content', type: 'email', hash: 'h2' }] }],
  ])('changes when the %s changes', (_, patch) => {
    expect(stepDigestText(stored({ ...base, ...patch }))).not.toBe(stepDigestText(stored(base)));
  });

  it('leaves out what every profile ignores: ids, times and cost, and ignored keys at any depth', () => {
    const noisy = {
      ...base,
      id: 'other',
      started_at: '2030-01-01T00:00:00.000Z',
      cost_usd: 9,
      output: { content: 'answer 1', request_id: 'req-other', nested: [{ id: 'x', span_id: 's' }] },
    };
    const quiet = { ...base, output: { content: 'answer 1', nested: [{}] } };
    expect(stepDigestText(stored(noisy))).toBe(stepDigestText(stored(quiet)));
    expect(stepDigestText(stored(base))).toMatch(new RegExp(`^${STEP_DIGEST_VERSION}\n`));
  });

  it('never drops an array element: no ignored key reads like an index', () => {
    for (const key of DEFAULT_DIFF_PROFILE.ignore_keys) expect(key).not.toMatch(/^\d+$/);
    const text = stepDigestText(stored({ ...base, output: [1, 2, 3] }));
    expect(text).toContain('[1,2,3]');
  });

  it('is stored as the version and 128 bits of the SHA-256 of the text', () => {
    expect(stepDigest(stored(base), sha256Hex)).toBe(
      `${STEP_DIGEST_VERSION}:${sha256Hex(stepDigestText(stored(base))).slice(0, 32)}`,
    );
    expect(stepDigest(stored(base), sha256Hex)).toMatch(/^d1:[0-9a-f]{32}$/);
  });

  it('proves steps the same only with equal digests of the current version', () => {
    expect(sameDigest('d1:abc', 'd1:abc')).toBe(STEP_DIGEST_VERSION === 'd1');
    expect(sameDigest('d1:abc', 'd1:abd')).toBe(false);
    expect(sameDigest(null, null)).toBe(false);
    expect(sameDigest(undefined, undefined)).toBe(false);
    expect(sameDigest('d0:abc', 'd0:abc')).toBe(false);
  });

  it('lets a diff skip every pair of a re-recorded run and still answer exactly', () => {
    const a = aRun(agentRun().steps.map(digested));
    const b = rerun(a);
    const { diff, loaded } = diffFromOutlines(a, b);
    expect(loaded).toBe(0);
    expect(JSON.stringify(diff)).toBe(JSON.stringify(unwrap(diffRuns(agentRun(), rerun(agentRun())))));
  });

  it('fails loudly when a pair needs content that was not loaded', () => {
    const a = aRun([aStep(0, { output: 'x' })]);
    const b = aRun([aStep(0, { output: 'y' })], { id: 'run-b' });
    const aligned = alignRuns(a.steps.map(outlineOf), b.steps.map(outlineOf));
    expect(() => diffAligned(a, b, aligned)).toThrow(/step-0 was needed but not loaded/);
  });

  describe('a diff from outlines and digests equals the diff of the whole runs', () => {
    const key = fc.constantFrom('id', 'request_id', 'timestamp', 'text', 'n', 'list');
    const payload = fc.dictionary(
      key,
      fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.dictionary(key, fc.integer({ min: 0, max: 2 }))),
      {
        maxKeys: 4,
      },
    );
    const stepArb = fc
      .record({
        kind: fc.constantFrom('model', 'tool', 'custom'),
        name: fc.constantFrom('a', 'b'),
        input: payload,
        output: payload,
        hash: fc.constantFrom('h1', 'h2'),
        digest: fc.boolean(),
      })
      .map(({ kind, name, input, output, hash, digest }) => ({
        step: aStep(0, {
          kind: kind as DiffStep['kind'],
          name,
          model: kind === 'model' ? 'm' : null,
          tool: kind === 'tool' ? 't' : null,
          input: { ...input, secret: '[REDACTED:email]' },
          output,
          redactions: [{ path: 'input.secret', type: 'email', hash }],
        }),
        digest,
      }));
    /** Steps at increasing times, some with digests (steps stored before digests have none). */
    const runArb = (id: string) =>
      fc.array(stepArb, { maxLength: 8 }).map((drafts) =>
        aRun(
          drafts.map(({ step, digest }, i) => {
            const timed = aStep(i, { ...step, id: `${id}-${i}` });
            return digest ? digested(timed) : timed;
          }),
          { id },
        ),
      );

    it('for any two runs', () => {
      fc.assert(
        fc.property(runArb('a'), runArb('b'), (a, b) => {
          const plain = (run: DiffRun) => ({ ...run, steps: run.steps.map(({ digest: _, ...s }) => s) });
          const expected = JSON.stringify(unwrap(diffRuns(plain(a), plain(b))));
          expect(JSON.stringify(diffFromOutlines(a, b).diff)).toBe(expected);
        }),
        { numRuns: 300 },
      );
    });

    it('for a run and its re-recording with some steps edited', () => {
      fc.assert(
        fc.property(runArb('a'), fc.array(fc.tuple(fc.nat(7), payload), { maxLength: 3 }), (a, edits) => {
          const b = rerun(a);
          const steps = [...b.steps];
          for (const [index, output] of edits) {
            const step = steps[index];
            if (step) steps[index] = digested({ ...step, output });
          }
          const edited = { ...b, steps };
          const plain = (run: DiffRun) => ({ ...run, steps: run.steps.map(({ digest: _, ...s }) => s) });
          const expected = JSON.stringify(unwrap(diffRuns(plain(a), plain(edited))));
          expect(JSON.stringify(diffFromOutlines(a, edited).diff)).toBe(expected);
        }),
        { numRuns: 300 },
      );
    });
  });
});
