import fc from 'fast-check';
import { STEP_KINDS } from '../../domain/runs/step-kind';
import { StepInput, parseStepInput } from './run-input';

const json = fc.jsonValue({ maxDepth: 2 });
const dictionary = fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 4 });
const timestamp = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

/** Values the schema takes, and near misses it refuses. */
const field = {
  id: fc.oneof(
    fc.stringMatching(/^[\w.:@/-]{1,128}$/),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', 'x'.repeat(129), 'a b', null),
    fc.integer(),
  ),
  kind: fc.oneof(fc.constantFrom(...STEP_KINDS), fc.constantFrom('Model', 'llm', '', null)),
  name: fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('x'.repeat(500), 'x'.repeat(501), null),
    fc.integer(),
  ),
  started_at: fc.oneof(
    timestamp,
    fc.constantFrom(
      '2026-11-23T10:00:00+02:00',
      '2026-11-23T10:00:00.123456Z',
      '2024-02-29T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-11-23T10:00:00',
      '2026-11-23',
      '',
      null,
    ),
    fc.string({ maxLength: 10 }),
    fc.integer(),
  ),
  record: fc.oneof(
    dictionary,
    fc.constant(null),
    fc.array(json, { maxLength: 2 }),
    fc.string({ maxLength: 5 }),
    fc.constant(0),
    fc.constant(0).map(() => JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown),
    dictionary.map((entries) => Object.assign(Object.create(null) as object, entries)),
    fc.constant(0).map(() => ({ [Symbol('s')]: 1 })),
    fc.constant(0).map(() => new Date(0)),
  ),
  usage: fc.oneof(
    fc.record({ input_tokens: fc.nat(), output_tokens: fc.nat() }),
    fc.record({ input_tokens: fc.integer({ min: -5, max: 5 }), output_tokens: fc.double() }),
    fc.record({ input_tokens: fc.nat() }),
    fc.record({ input_tokens: fc.nat(), output_tokens: fc.nat(), total_tokens: fc.nat() }),
    fc.constantFrom(null, 'many', 2 ** 60),
    fc.constant(0).map(() => ({ input_tokens: 2 ** 60, output_tokens: 1 })),
  ),
  cost_usd: fc.oneof(fc.double({ min: 0, noNaN: true }), fc.constantFrom(-1, -0, NaN, Infinity, null, '0.1')),
  error: fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('x'.repeat(10_001), null),
    dictionary,
    fc.array(json),
  ),
  decision_token: fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('x'.repeat(8193), null),
    fc.integer(),
  ),
  model: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('x'.repeat(201), null), fc.boolean()),
};

/** A step the way agents send it: every field valid, any of the optional ones left out. */
const usualStep = fc.record(
  {
    id: fc.stringMatching(/^[\w.:@/-]{1,128}$/),
    kind: fc.constantFrom(...STEP_KINDS),
    name: fc.string({ maxLength: 500 }),
    parent_id: fc.option(fc.stringMatching(/^[\w.:@/-]{1,40}$/)),
    started_at: timestamp,
    ended_at: fc.option(timestamp),
    model: fc.option(fc.string({ maxLength: 200 })),
    model_params: fc.option(dictionary),
    tool: fc.option(fc.string({ maxLength: 200 })),
    input: json,
    output: json,
    usage: fc.option(fc.record({ input_tokens: fc.nat(), output_tokens: fc.nat() })),
    cost_usd: fc.option(fc.double({ min: 0, max: 1000, noNaN: true })),
    error: fc.option(fc.oneof(fc.string({ maxLength: 100 }), dictionary)),
    decision_token: fc.option(fc.string({ maxLength: 100 })),
    metadata: dictionary,
  },
  { requiredKeys: ['id', 'kind', 'started_at'] },
);

const ABSENT = Symbol('absent');
/** Any value of any field (valid or a near miss), or the field left out. */
const edit = fc.oneof(
  ...Object.entries({
    id: field.id,
    kind: field.kind,
    name: field.name,
    parent_id: field.id,
    started_at: field.started_at,
    ended_at: field.started_at,
    model: field.model,
    model_params: field.record,
    tool: field.model,
    input: json,
    usage: field.usage,
    cost_usd: field.cost_usd,
    error: field.error,
    decision_token: field.decision_token,
    metadata: field.record,
    unexpected: fc.string(),
  }).map(([key, values]) => fc.tuple(fc.constant(key), fc.oneof(values, fc.constant(ABSENT)))),
);

/** A usual step with a change or two: the boundary of what the schema takes. */
const nearStep = fc.tuple(usualStep, fc.array(edit, { maxLength: 2 })).map(([step, edits]) => {
  const out: Record<string, unknown> = { ...step };
  for (const [key, value] of edits) {
    if (value === ABSENT) delete out[key];
    else out[key] = value;
  }
  return out;
});

describe('parseStepInput', () => {
  it('decides every step exactly as the StepInput schema does', () => {
    fc.assert(
      fc.property(nearStep, (raw) => {
        const fast = parseStepInput(raw);
        const schema = StepInput.safeParse(raw);
        expect(fast.success).toBe(schema.success);
        if (fast.success) expect(fast.data).toEqual(schema.data);
        else expect(fast.error.issues).toEqual(schema.error?.issues);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the usual step without the schema, as the step itself', () => {
    fc.assert(
      fc.property(usualStep, (raw) => {
        const parsed = parseStepInput(raw);
        expect(parsed.success && parsed.data).toBe(raw);
        expect(StepInput.safeParse(raw).success).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['an unknown field', { extra: 1 }, 'extra'],
    ['a timestamp without an offset', { started_at: '2026-11-23T10:00:00' }, 'started_at'],
    ['a negative token count', { usage: { input_tokens: -1, output_tokens: 0 } }, 'usage.input_tokens'],
    ['a null metadata', { metadata: null }, 'metadata'],
    ['an id with a space', { id: 'a b' }, 'id'],
  ])('leaves %s to the schema, which says what is wrong', (_, change, path) => {
    const raw = { id: 's1', kind: 'tool', started_at: '2026-11-23T10:00:00Z', ...change };
    const parsed = parseStepInput(raw);
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((issue) => issue.path.join('.') || issue.message);
    expect(paths?.some((p) => p === path || p.includes(path))).toBe(true);
  });
});
