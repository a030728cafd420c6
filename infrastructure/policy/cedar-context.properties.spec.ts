import fc from 'fast-check';
import { buildPolicyContext } from '../../domain/governance/policy/policy-context';
import { type PolicyRequest, RISK_LEVELS } from '../../domain/governance/ports/policy-engine.port';
import { cedar } from './cedar-wasm';
import { CedarPolicyEngine } from './cedar-policy-engine';

/** Whatever a caller sends, Cedar accepts the context built from it: nothing an agent sends breaks a decision. */

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('\uD800', 'a\uDFFFb'),
);
const request: fc.Arbitrary<PolicyRequest> = fc.record({
  principal: fc.record({ type: fc.constantFrom('agent' as const, 'user' as const), id: text }),
  tool: text,
  arguments: fc.anything({
    key: fc.oneof(text, fc.constantFrom('__entity', '__extn', '__expr', '__proto__', 'a.b', '')),
    maxDepth: 6,
    withBigInt: true,
    withNullPrototype: true,
  }),
  risk: fc.option(fc.constantFrom(...RISK_LEVELS), { nil: null }),
  environment: fc.option(text, { nil: null }),
  run: fc.option(
    fc.record({
      id: text,
      name: fc.option(text, { nil: null }),
      tags: fc.array(text, { maxLength: 5 }),
      metadata: fc.dictionary(text, fc.jsonValue({ maxDepth: 3 })),
    }),
    { nil: null },
  ),
});

describe('the Cedar context of a call (properties)', () => {
  it('always parses as a Cedar context', () => {
    fc.assert(
      fc.property(request, (call) => {
        expect(cedar.checkParseContext({ context: buildPolicyContext(call) as cedar.Context })).toEqual({
          type: 'success',
        });
      }),
      { numRuns: 300 },
    );
  });

  it('always gets a decision from Cedar, never the fail-closed engine failure', () => {
    const engine = new CedarPolicyEngine();
    const source = {
      versionId: 'context-properties',
      cedar: `permit (principal, action, resource) when { context.arguments has x && context.run.metadata has y };
              forbid (principal, action, resource) when { context.argumentsTruncated && context.argumentTypes has "z" };`,
      defaultDecision: 'allow' as const,
    };
    fc.assert(
      fc.property(request, (call) => {
        const result = engine.evaluate(source, call);
        expect(result.reasons.join('\n')).not.toMatch(/policy engine failed|could not be evaluated/);
      }),
      { numRuns: 300 },
    );
  });
});
