import fc from 'fast-check';
import { type PolicyRule, RULE_RISKS } from '../../domain/governance/policy/policy-rule';
import { compileRulesToCedar } from '../../domain/governance/policy/rule-compiler';
import {
  type PolicyDecision,
  type PolicyRequest,
  RISK_LEVELS,
} from '../../domain/governance/ports/policy-engine.port';
import { CedarPolicyEngine } from './cedar-policy-engine';

/** Rules → Cedar → the real engine: the compiled text validates and decides what the rules say. */

const engine = new CedarPolicyEngine();
let versions = 0;

function compile(rules: readonly PolicyRule[]): string {
  const compiled = compileRulesToCedar(rules);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.value;
}

function decider(rules: readonly PolicyRule[], defaultDecision: PolicyDecision = 'allow') {
  const cedar = compile(rules);
  expect(engine.check(cedar)).toEqual([]);
  const source = { versionId: `rules-${++versions}`, cedar, defaultDecision };
  return (request: Partial<PolicyRequest>) => engine.evaluate(source, aRequest(request));
}

function aRequest(overrides: Partial<PolicyRequest> = {}): PolicyRequest {
  return {
    principal: { type: 'agent', id: 'ops-bot' },
    tool: 'send_payment',
    arguments: {},
    risk: 'low',
    environment: 'staging',
    run: null,
    ...overrides,
  };
}

describe('compiled rules, evaluated by Cedar', () => {
  it('matches tools by exact name and by glob, literal stars included', () => {
    const decide = decider(
      [
        { id: 'github', tools: ['github_*', 'deploy'], decision: 'block' },
        { id: 'star', tools: ['odd\\*name'], decision: 'require_approval' },
      ],
      'allow',
    );
    expect(decide({ tool: 'github_create_issue' }).decision).toBe('block');
    expect(decide({ tool: 'deploy' }).decision).toBe('block');
    expect(decide({ tool: 'deploy_preview' }).decision).toBe('allow');
    expect(decide({ tool: 'odd*name' }).decision).toBe('require_approval');
    expect(decide({ tool: 'oddXname' }).decision).toBe('allow');
  });

  it('matches agents, risk levels (unknown included) and environments', () => {
    const decide = decider(
      [
        { id: 'interns', tools: ['*'], agents: ['intern-*'], decision: 'require_approval' },
        {
          id: 'risky-prod',
          tools: ['*'],
          risk: ['high', 'critical'],
          environments: ['production', 'prod-*'],
          decision: 'block',
        },
        { id: 'unrated', tools: ['*'], risk: ['unknown'], decision: 'require_approval' },
      ],
      'allow',
    );
    expect(decide({ principal: { type: 'agent', id: 'intern-7' } }).policyIds).toEqual(['interns']);
    expect(decide({ principal: { type: 'user', id: 'intern-7' } }).decision).toBe('allow');
    expect(decide({ risk: 'critical', environment: 'prod-eu' }).policyIds).toEqual(['risky-prod']);
    expect(decide({ risk: 'critical', environment: 'staging' }).decision).toBe('allow');
    expect(decide({ risk: 'medium', environment: 'production' }).decision).toBe('allow');
    expect(decide({ risk: null }).policyIds).toEqual(['unrated']);
  });

  it('compares numbers whether the argument is an integer or a fraction', () => {
    const decide = decider([
      {
        id: 'over-100',
        description: 'amounts over 100 need approval',
        tools: ['send_payment'],
        decision: 'require_approval',
        when: [{ argument: 'amount', op: 'gt', value: 100 }],
      },
    ]);
    expect(decide({ arguments: { amount: 100 } }).decision).toBe('allow');
    expect(decide({ arguments: { amount: 101 } })).toEqual({
      decision: 'require_approval',
      reasons: ['amounts over 100 need approval'],
      policyIds: ['over-100'],
    });
    expect(decide({ arguments: { amount: 100.5 } }).decision).toBe('require_approval');
    expect(decide({ arguments: { amount: 100.00001 } }).decision).toBe('allow'); // rounds to 100.0000, Cedar's precision
    expect(decide({ arguments: { amount: 1e30 } }).decision).toBe('require_approval');
    expect(decide({ arguments: { amount: '5000' } }).decision).toBe('allow'); // a string is not a number
  });

  it('compares integer arguments with fractional bounds exactly', () => {
    const at = (op: 'gt' | 'gte' | 'lt' | 'lte', amount: number) =>
      decider([{ tools: ['*'], decision: 'block', when: [{ argument: 'amount', op, value: 100.5 }] }])({
        arguments: { amount },
      }).decision;
    expect([at('gt', 100), at('gt', 101), at('gte', 100), at('gte', 101)]).toEqual([
      'allow',
      'block',
      'allow',
      'block',
    ]);
    expect([at('lt', 100), at('lt', 101), at('lte', 100), at('lte', 101)]).toEqual([
      'block',
      'allow',
      'block',
      'allow',
    ]);
    expect([at('gt', 100.5), at('gte', 100.5), at('lt', 100.4999), at('lte', 100.5)]).toEqual([
      'allow',
      'block',
      'block',
      'block',
    ]);
  });

  it('treats a missing argument as not matching (and exists: false as matching), without errors', () => {
    const decide = decider(
      [
        {
          id: 'big',
          tools: ['*'],
          decision: 'block',
          when: [{ argument: 'options.size', op: 'gte', value: 10 }],
        },
        {
          id: 'no-dry-run',
          tools: ['*'],
          decision: 'require_approval',
          when: [{ argument: 'dry_run', op: 'exists', value: false }],
        },
      ],
      'allow',
    );
    expect(decide({ arguments: { dry_run: true } })).toEqual({
      decision: 'allow',
      reasons: ['no policy matched; default allow'],
      policyIds: [],
    });
    expect(decide({ arguments: { dry_run: true, options: 'not a record' } }).decision).toBe('allow');
    expect(decide({ arguments: { dry_run: true, options: { size: 10 } } }).decision).toBe('block');
    expect(decide({ arguments: {} }).policyIds).toEqual(['no-dry-run']);
  });

  it('supports eq, ne, contains and matches on strings, booleans and lists', () => {
    const rule = (when: PolicyRule['when']) => decider([{ tools: ['*'], decision: 'block', when }]);
    const eq = rule([{ argument: 'mode', op: 'eq', value: 'force' }]);
    expect(
      [eq({ arguments: { mode: 'force' } }), eq({ arguments: { mode: 'soft' } })].map((r) => r.decision),
    ).toEqual(['block', 'allow']);
    const ne = rule([{ argument: 'mode', op: 'ne', value: 'dry' }]);
    expect(
      [ne({ arguments: { mode: 'real' } }), ne({ arguments: { mode: 'dry' } }), ne({ arguments: {} })].map(
        (r) => r.decision,
      ),
    ).toEqual(['block', 'allow', 'allow']);
    const flag = rule([{ argument: 'recursive', op: 'eq', value: true }]);
    expect(
      [flag({ arguments: { recursive: true } }), flag({ arguments: { recursive: 'true' } })].map(
        (r) => r.decision,
      ),
    ).toEqual(['block', 'allow']);
    const number = rule([{ argument: 'n', op: 'eq', value: 3 }]);
    expect(
      [number({ arguments: { n: 3 } }), number({ arguments: { n: 3.0001 } })].map((r) => r.decision),
    ).toEqual(['block', 'allow']);
    const has = rule([{ argument: 'command', op: 'contains', value: 'rm -rf' }]);
    expect(
      [
        { command: 'sudo rm -rf /' },
        { command: ['ls', 'rm -rf'] },
        { command: ['rm', '-rf'] },
        { command: 'rm -r' },
      ].map((args) => has({ arguments: args }).decision),
    ).toEqual(['block', 'block', 'allow', 'allow']);
    const ids = rule([{ argument: 'ids', op: 'contains', value: 7 }]);
    expect(
      [ids({ arguments: { ids: [1, 7] } }), ids({ arguments: { ids: [1.5, 7] } })].map((r) => r.decision),
    ).toEqual(['block', 'allow']);
    const path = rule([{ argument: 'target.path', op: 'matches', value: '/etc/*' }]);
    expect(
      [
        path({ arguments: { target: { path: '/etc/passwd' } } }),
        path({ arguments: { target: { path: '/tmp/etc/x' } } }),
      ].map((r) => r.decision),
    ).toEqual(['block', 'allow']);
  });

  it('lets block win over require_approval, and require_approval over allow', () => {
    const decide = decider(
      [
        { id: 'allow-all', tools: ['*'], decision: 'allow' },
        { id: 'approve-prod', tools: ['*'], environments: ['production'], decision: 'require_approval' },
        { id: 'block-delete', tools: ['*_delete'], decision: 'block' },
      ],
      'block',
    );
    expect(decide({ tool: 'db_read' }).policyIds).toEqual(['allow-all']);
    expect(decide({ tool: 'db_read', environment: 'production' }).policyIds).toEqual(['approve-prod']);
    expect(decide({ tool: 'db_delete', environment: 'production' }).policyIds).toEqual(['block-delete']);
  });

  it('applies the default decision when no rule matches', () => {
    const decide = decider([{ tools: ['deploy'], decision: 'allow' }], 'require_approval');
    expect(decide({ tool: 'deploy' }).decision).toBe('allow');
    expect(decide({ tool: 'other' })).toEqual({
      decision: 'require_approval',
      reasons: ['no policy matched; default require_approval'],
      policyIds: [],
    });
  });
});

// Property: any valid rule list compiles to Cedar that parses and validates, and its conditions
// never raise an evaluation error, whatever the arguments (an error would make a forbid fail closed).
const segment = fc.oneof(
  fc.constantFrom('amount', 'if', 'a-b', 'x"y', 'é', 'path', 'in', 'n'),
  fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !s.includes('.') && !s.startsWith('__')),
);
const glob = fc
  .array(
    fc.oneof(
      fc.constantFrom('*', '\\*', '\\\\', '"', 'é', '\n'),
      fc.string({ minLength: 1, maxLength: 5 }).map((s) => s.replace(/[\\*]/g, '')),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join(''))
  .filter((pattern) => pattern.length > 0);
const ruleNumber = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.integer({ min: -1e8, max: 1e8 }).map((n) => n / 10_000),
);
const condition = fc.oneof(
  fc.record({
    argument: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('.')),
    op: fc.constantFrom('gt', 'gte', 'lt', 'lte') as fc.Arbitrary<'gt'>,
    value: ruleNumber,
  }),
  fc.record({
    argument: segment,
    op: fc.constantFrom('eq', 'ne', 'contains') as fc.Arbitrary<'eq'>,
    value: fc.oneof(fc.string({ maxLength: 8 }), ruleNumber, fc.boolean()),
  }),
  fc.record({ argument: segment, op: fc.constant('matches' as const), value: glob }),
  fc.record({ argument: segment, op: fc.constant('exists' as const), value: fc.boolean() }),
);
const rule: fc.Arbitrary<PolicyRule> = fc.record(
  {
    description: fc.string({ maxLength: 30 }),
    tools: fc.array(glob, { minLength: 1, maxLength: 3 }),
    decision: fc.constantFrom<PolicyDecision>('allow', 'require_approval', 'block'),
    agents: fc.array(glob, { minLength: 1, maxLength: 2 }),
    risk: fc.subarray([...RULE_RISKS], { minLength: 1 }),
    environments: fc.array(glob, { minLength: 1, maxLength: 2 }),
    when: fc.array(condition, { maxLength: 4 }),
  },
  { requiredKeys: ['tools', 'decision'] },
);
const json = fc.jsonValue({ maxDepth: 3 });

describe('compiled rules (properties)', () => {
  it('always validate, and never raise an evaluation error', () => {
    fc.assert(
      fc.property(
        fc.array(rule, { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.tuple(fc.dictionary(segment, fc.oneof(json, ruleNumber)), fc.constantFrom(...RISK_LEVELS)),
          { minLength: 1, maxLength: 5 },
        ),
        (rules, calls) => {
          const cedar = compile(rules);
          expect(engine.check(cedar)).toEqual([]);
          const source = { versionId: `prop-${++versions}`, cedar, defaultDecision: 'allow' as const };
          for (const [args, risk] of calls) {
            const result = engine.evaluate(source, aRequest({ arguments: args, risk }));
            expect(result.reasons.filter((reason) => reason.includes('could not be evaluated'))).toEqual([]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
