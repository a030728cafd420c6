import { type ThreatRule } from './finding';
import { PROD_TAGS, aResource } from '../../../test/support/cloud-builders';
import { evaluateThreats, threatRules } from './rule-pack';

const estate = [
  aResource({ id: 'vm-b', config: { ingress: [{ port: 22, protocol: 'tcp', cidr: '0.0.0.0/0' }] } }),
  aResource({ id: 'bucket-a', type: 'bucket', providerId: 'prov-2', config: { publicAccess: true } }),
  aResource({
    id: 'vm-a',
    tags: { env: 'prod' },
    config: { ingress: [{ port: 3389, protocol: 'tcp', cidr: '::/0' }] },
  }),
  aResource({
    id: 'policy-a',
    type: 'iam_policy',
    config: { iamStatements: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }] },
  }),
];

describe('evaluateThreats', () => {
  it('sorts findings by severity, then rule, then resource', () => {
    const findings = evaluateThreats(estate);
    expect(findings.map((f) => [f.severity, f.ruleId, f.resourceId])).toEqual([
      ['critical', 'iam-wildcard', 'policy-a'],
      ['critical', 'public-admin-port', 'vm-a'],
      ['high', 'public-admin-port', 'vm-b'],
      ['high', 'public-bucket', 'bucket-a'],
      ['low', 'prod-missing-tags', 'vm-a'],
    ]);
  });

  it('fills in the rule id, provider and the rule title when the draft has none', () => {
    const bucket = evaluateThreats(estate).find((f) => f.ruleId === 'public-bucket');
    expect(bucket).toMatchObject({
      providerId: 'prov-2',
      title: 'Bucket readable by anyone',
      resourceId: 'bucket-a',
    });
  });

  it('reports nothing for terminated resources', () => {
    const terminated = estate.map((r) => ({ ...r, state: 'terminated' as const }));
    expect(evaluateThreats(terminated)).toEqual([]);
  });

  it('reports nothing for a clean estate', () => {
    expect(evaluateThreats([aResource({ tags: PROD_TAGS, config: { diskEncrypted: true } })])).toEqual([]);
  });

  it('passes the required production tags to the tag rule', () => {
    const findings = evaluateThreats([aResource({ tags: { env: 'prod', owner: 'a' } })], {
      requiredProdTags: ['owner'],
    });
    expect(findings).toEqual([]);
  });

  it('gives every rule the whole tenant as context', () => {
    const seen: number[] = [];
    const spy: ThreatRule = {
      id: 'spy',
      title: 'spy',
      severity: 'low',
      description: '',
      evaluate: (_resource, context) => {
        seen.push(context.resources.length);
        return [];
      },
    };
    evaluateThreats(estate, { rules: [spy] });
    expect(seen).toEqual([4, 4, 4, 4]);
  });

  it('ships eight rules with unique kebab-case ids', () => {
    const ids = threatRules().map((r) => r.id);
    expect(new Set(ids).size).toBe(8);
    ids.forEach((id) => expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/));
  });
});
