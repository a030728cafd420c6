import fc from 'fast-check';
import { type Resource } from '../resource.entity';
import { PROD_TAGS, aResource } from '../../../test/support/cloud-builders';
import { evaluateThreats } from './rule-pack';

/** Resources that trip a random mix of rules, with unique ids. */
const resource = (id: string) =>
  fc
    .record({
      type: fc.constantFrom(
        'vm',
        'bucket',
        'disk',
        'security_group',
        'iam_policy',
        'llm_endpoint',
        'vector_db' as const,
      ),
      region: fc.constantFrom('r1', 'r2'),
      prod: fc.boolean(),
      publicAccess: fc.boolean(),
      diskEncrypted: fc.option(fc.boolean(), { nil: undefined }),
      port: fc.constantFrom(22, 3389, 443, -1),
      wildcard: fc.constantFrom('*', 's3:*', 's3:GetObject'),
      providerId: fc.constantFrom('p1', 'p2'),
    })
    .map((r): Resource =>
      aResource({
        id,
        type: r.type,
        region: r.region,
        providerId: r.providerId,
        tags: r.prod ? { env: 'prod' } : PROD_TAGS,
        config: {
          publicAccess: r.publicAccess,
          diskEncrypted: r.diskEncrypted,
          publicIp: '198.51.100.1',
          terminationProtection: false,
          ingress: [{ port: r.port, protocol: r.port < 0 ? '-1' : 'tcp', cidr: '0.0.0.0/0' }],
          iamStatements: [{ effect: 'Allow', actions: [r.wildcard], resources: ['*'] }],
        },
      }),
    );

const estate = fc
  .integer({ min: 0, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => resource(`res-${i}`))));

describe('threat evaluation properties', () => {
  it('returns the same findings whatever order the inventory comes in', () => {
    fc.assert(
      fc.property(
        estate.chain((resources) =>
          fc.tuple(fc.constant(resources), fc.shuffledSubarray(resources, { minLength: resources.length })),
        ),
        ([resources, shuffled]) => {
          expect(evaluateThreats(shuffled)).toEqual(evaluateThreats(resources));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never reports a finding that breaks the (severity, rule, resource) order', () => {
    const rank = { critical: 0, high: 1, medium: 2, low: 3 };
    fc.assert(
      fc.property(estate, (resources) => {
        const findings = evaluateThreats(resources);
        return findings.every((f, i) => {
          if (i === 0) return true;
          const p = findings[i - 1];
          const key = (x: typeof f) => [rank[x.severity], x.ruleId, x.resourceId] as const;
          const [a, b] = [key(p), key(f)];
          return a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2])));
        });
      }),
    );
  });
});
