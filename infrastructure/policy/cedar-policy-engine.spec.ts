import type * as cedarNamespace from '@cedar-policy/cedar-wasm/nodejs';
import {
  type PolicyDecision,
  type PolicyRequest,
  type PolicySource,
} from '../../domain/governance/ports/policy-engine.port';
import { CedarPolicyEngine } from './cedar-policy-engine';

// The module object itself (not the namespace copy), so spies see the engine's calls.
const wasm = jest.requireActual<typeof cedarNamespace>('@cedar-policy/cedar-wasm/nodejs');

function aRequest(overrides: Partial<PolicyRequest> = {}): PolicyRequest {
  return {
    principal: { type: 'agent', id: 'billing-agent' },
    tool: 'send_payment',
    arguments: { amount: 50, currency: 'EUR' },
    risk: 'medium',
    environment: 'production',
    run: { id: 'run-1', name: 'nightly billing', tags: ['billing'], metadata: { team: 'finance' } },
    ...overrides,
  };
}

let versions = 0;
const source = (cedar: string, defaultDecision: PolicyDecision = 'allow'): PolicySource => ({
  versionId: `v${++versions}`,
  cedar,
  defaultDecision,
});

const LAYERED = `
@id("payments-allowed")
@reason("payments are part of the billing job")
permit (principal, action == Action::"call", resource == Tool::"send_payment");

@id("large-payments")
@reason("payments over 100 need a human")
@decision("require_approval")
permit (principal, action == Action::"call", resource == Tool::"send_payment")
when { context.arguments has amount && context.arguments.amount > 100 };

@id("no-huge-payments")
@reason("payments over 10000 are never automated")
forbid (principal, action == Action::"call", resource == Tool::"send_payment")
when { context.arguments has amount && context.arguments.amount > 10000 };

permit (principal, action == Action::"call", resource)
when { resource.name like "read_*" };
`;

describe('CedarPolicyEngine.evaluate', () => {
  const engine = new CedarPolicyEngine();
  const layered = source(LAYERED, 'block');
  const decide = (request: Partial<PolicyRequest>, on: PolicySource = layered) =>
    engine.evaluate(on, aRequest(request));

  it('allows when only plain permits are satisfied, naming them by @id with their @reason', () => {
    expect(decide({ arguments: { amount: 50 } })).toEqual({
      decision: 'allow',
      reasons: ['payments are part of the billing job'],
      policyIds: ['payments-allowed'],
    });
  });

  it('requires approval when a satisfied permit says @decision("require_approval"), naming only it', () => {
    expect(decide({ arguments: { amount: 500 } })).toEqual({
      decision: 'require_approval',
      reasons: ['payments over 100 need a human'],
      policyIds: ['large-payments'],
    });
  });

  it('blocks when a forbid is satisfied, whatever the permits say', () => {
    expect(decide({ arguments: { amount: 20000 } })).toEqual({
      decision: 'block',
      reasons: ['payments over 10000 are never automated'],
      policyIds: ['no-huge-payments'],
    });
  });

  it("names a policy without annotations by Cedar's positional id", () => {
    expect(decide({ tool: 'read_invoice' })).toEqual({
      decision: 'allow',
      reasons: ['policy3'],
      policyIds: ['policy3'],
    });
  });

  it('applies the default decision when no policy matches', () => {
    expect(decide({ tool: 'delete_customer' })).toEqual({
      decision: 'block',
      reasons: ['no policy matched; default block'],
      policyIds: [],
    });
    expect(engine.evaluate(source('', 'require_approval'), aRequest())).toEqual({
      decision: 'require_approval',
      reasons: ['no policy matched; default require_approval'],
      policyIds: [],
    });
  });

  it('lists every determining policy in source order', () => {
    const both = source(`
      @id("b") permit (principal, action, resource) when { context.risk == "medium" };
      @id("a") permit (principal, action, resource == Tool::"send_payment");
      @id("c") @decision("allow") permit (principal, action, resource) when { context.environment == "production" };
    `);
    expect(engine.evaluate(both, aRequest())).toEqual({
      decision: 'allow',
      reasons: ['b', 'a', 'c'],
      policyIds: ['b', 'a', 'c'],
    });
  });

  describe('evaluation errors (a policy reading what is not there)', () => {
    const unguarded = (effect: string, annotation = '') =>
      source(`@id("p") permit (principal, action, resource) when { context.risk == "low" };
              @id("unguarded") ${annotation} ${effect} (principal, action, resource) when { context.arguments.missing > 1 };`);

    it('blocks when a forbid errors (fail closed) and says so', () => {
      const result = engine.evaluate(unguarded('forbid'), aRequest());
      expect(result.decision).toBe('block');
      expect(result.policyIds).toEqual(['unguarded']);
      expect(result.reasons).toEqual([
        expect.stringMatching(
          /^policy unguarded could not be evaluated: .*missing.*; counted as block \(fail closed\)$/,
        ),
      ]);
    });

    it('requires approval when a require-approval permit errors', () => {
      const result = engine.evaluate(unguarded('permit', '@decision("require_approval")'), aRequest());
      expect(result.decision).toBe('require_approval');
      expect(result.policyIds).toEqual(['unguarded']);
    });

    it('ignores an erroring plain permit, and still reports it', () => {
      const result = engine.evaluate(unguarded('permit'), aRequest({ risk: 'high' }));
      expect(result.decision).toBe('allow');
      expect(result.policyIds).toEqual([]);
      expect(result.reasons).toEqual([
        'no policy matched; default allow',
        expect.stringMatching(/^policy unguarded could not be evaluated: .*; ignored$/),
      ]);
    });
  });

  describe('what policies see of a call', () => {
    const when = (condition: string, request: Partial<PolicyRequest> = {}) =>
      engine.evaluate(
        source(`permit (principal, action, resource) when { ${condition} };`, 'block'),
        aRequest(request),
      ).decision;

    it('maps agents and users to their entity types, with their ids as attributes', () => {
      expect(when('principal == Agent::"billing-agent" && principal.id like "billing-*"')).toBe('allow');
      expect(when('principal is User', { principal: { type: 'user', id: 'u1' } })).toBe('allow');
      expect(when('principal is User')).toBe('block');
    });

    it('makes the tool the resource, with its name for like', () => {
      expect(when('resource == Tool::"send_payment" && resource.name like "send_*"')).toBe('allow');
    });

    it('fills unknown risk, environment and run with "unknown", "" and empty values', () => {
      const bare = { risk: null, environment: null, run: null };
      expect(when('context.risk == "unknown" && context.environment == ""', bare)).toBe('allow');
      expect(when('context.run.id == "" && context.run.name == "" && context.run.tags.isEmpty()', bare)).toBe(
        'allow',
      );
      expect(when('context.run.metadata == {}', bare)).toBe('allow');
    });

    it('passes the run, its tags and its metadata', () => {
      expect(when('context.run.name == "nightly billing" && context.run.tags.contains("billing")')).toBe(
        'allow',
      );
      expect(when('context.run.metadata.team == "finance"')).toBe('allow');
    });

    it('passes integers as Longs and fractions as decimals, with their types', () => {
      const args = { arguments: { count: 3, price: 1.25 } };
      expect(when('context.arguments.count > 2 && context.argumentTypes.count == "long"', args)).toBe(
        'allow',
      );
      expect(
        when(
          'context.arguments.price.greaterThan(decimal("1.2")) && context.argumentTypes.price == "decimal"',
          args,
        ),
      ).toBe('allow');
      expect(when('context.argumentsTruncated == false', args)).toBe('allow');
    });

    it('survives hostile input: forged entity escapes, lone surrogates, huge numbers', () => {
      const hostile = {
        tool: 'send\uD800payment',
        principal: { type: 'agent' as const, id: 'x\uDFFF' },
        arguments: {
          __entity: { type: 'User', id: 'admin' },
          big: 1e300,
          text: 'a\uD800',
          list: [1, 'a', null],
        },
      };
      expect(
        when('!(context.arguments has __entity) && context.arguments.big > 9000000000000000000', hostile),
      ).toBe('allow');
      expect(when('context.arguments.list == "[1,\\"a\\",null]"', hostile)).toBe('allow');
    });
  });

  describe('the parsed-once cache', () => {
    afterEach(() => jest.restoreAllMocks());

    it('parses a version once, however many calls it decides', () => {
      const preparse = jest.spyOn(wasm, 'preparsePolicySet');
      const parse = jest.spyOn(wasm, 'policyToJson');
      const fresh = new CedarPolicyEngine();
      const version = source(LAYERED);
      for (let i = 0; i < 50; i++) fresh.evaluate(version, aRequest({ arguments: { amount: i * 10 } }));
      expect(preparse).toHaveBeenCalledTimes(1);
      expect(parse).not.toHaveBeenCalled(); // annotations are read from the text, not asked of Cedar
    });

    it('keeps the most recently used versions and re-parses an evicted one correctly', () => {
      const preparse = jest.spyOn(wasm, 'preparsePolicySet');
      const small = new CedarPolicyEngine({ capacity: 2 });
      const [allow, approve, block] = (['allow', 'require_approval', 'block'] as const).map((d) =>
        source(
          `@id("${d}") ${d === 'block' ? 'forbid' : `@decision("${d}") permit`} (principal, action, resource);`,
        ),
      );
      const decisionOf = (version: PolicySource) => small.evaluate(version, aRequest()).decision;
      expect([decisionOf(allow!), decisionOf(approve!), decisionOf(allow!)]).toEqual([
        'allow',
        'require_approval',
        'allow',
      ]);
      expect(decisionOf(block!)).toBe('block'); // evicts `approve`, the least recently used, and reuses its slot
      expect(preparse).toHaveBeenCalledTimes(3);
      expect([decisionOf(allow!), decisionOf(block!)]).toEqual(['allow', 'block']);
      expect(preparse).toHaveBeenCalledTimes(3);
      expect(decisionOf(approve!)).toBe('require_approval'); // evicts `allow`
      expect(preparse).toHaveBeenCalledTimes(4);
      expect([decisionOf(allow!), decisionOf(approve!)]).toEqual(['allow', 'require_approval']);
      expect(preparse).toHaveBeenCalledTimes(5);
    });

    it('does not decide with stale policies when a version id comes back with other text', () => {
      const version = source('@id("old") permit (principal, action, resource);');
      expect(engine.evaluate(version, aRequest()).policyIds).toEqual(['old']);
      const edited = { ...version, cedar: '@id("new") forbid (principal, action, resource);' };
      expect(engine.evaluate(edited, aRequest())).toMatchObject({ decision: 'block', policyIds: ['new'] });
    });

    it('blocks on a version that does not parse, and does not parse it again', () => {
      const broken = source('permit (principal, action, resource) when { context.risk == };');
      const preparse = jest.spyOn(wasm, 'preparsePolicySet');
      const first = engine.evaluate(broken, aRequest());
      expect(first).toEqual({
        decision: 'block',
        reasons: [
          expect.stringMatching(
            new RegExp(
              `^policy version ${broken.versionId} cannot be evaluated: .*unexpected token.*; blocked \\(fail closed\\)$`,
            ),
          ),
        ],
        policyIds: [],
      });
      expect(engine.evaluate(broken, aRequest())).toEqual(first);
      expect(preparse).toHaveBeenCalledTimes(1);
    });

    it('keeps engines in one process apart (Cedar stores parsed sets per process)', () => {
      const one = new CedarPolicyEngine();
      const two = new CedarPolicyEngine();
      const shared = 'shared-version-id';
      one.evaluate(
        { versionId: shared, cedar: 'permit (principal, action, resource);', defaultDecision: 'block' },
        aRequest(),
      );
      two.evaluate(
        { versionId: shared, cedar: 'forbid (principal, action, resource);', defaultDecision: 'allow' },
        aRequest(),
      );
      expect(
        one.evaluate(
          { versionId: shared, cedar: 'permit (principal, action, resource);', defaultDecision: 'block' },
          aRequest(),
        ).decision,
      ).toBe('allow');
    });
  });
});
