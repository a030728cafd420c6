import { type ThreatContext } from './finding';
import { DEFAULT_REQUIRED_PROD_TAGS, prodMissingTagsRule } from './prod-missing-tags.rule';
import { prodNoTerminationProtectionRule } from './prod-no-termination-protection.rule';
import { publicIpInProdRule } from './public-ip-in-prod.rule';
import { PROD_TAGS, aResource } from '../../../test/support/cloud-builders';

const context: ThreatContext = { resources: [] };

describe('public-ip-in-prod', () => {
  it('reports a production VM with a public IP', () => {
    const drafts = publicIpInProdRule.evaluate(
      aResource({ tags: PROD_TAGS, config: { publicIp: '203.0.113.7' } }),
      context,
    );
    expect(drafts).toEqual([expect.objectContaining({ evidence: { publicIp: '203.0.113.7' } })]);
  });

  it.each<Record<string, string>>([
    { Environment: 'Production' },
    { ENV: ' PROD ' },
    { environment: 'prod' },
  ])('recognises the production tag %p whatever its case', (tags) => {
    expect(
      publicIpInProdRule.evaluate(aResource({ tags, config: { publicIp: '203.0.113.7' } }), context),
    ).toHaveLength(1);
  });

  it.each([null, '', undefined])('stays silent on a production VM whose public IP is %p', (publicIp) => {
    expect(
      publicIpInProdRule.evaluate(aResource({ tags: PROD_TAGS, config: { publicIp } }), context),
    ).toEqual([]);
  });

  it('stays silent outside production', () => {
    const resource = aResource({ tags: { env: 'staging' }, config: { publicIp: '203.0.113.7' } });
    expect(publicIpInProdRule.evaluate(resource, context)).toEqual([]);
  });

  it('does not take a production-looking tag key for an environment', () => {
    const resource = aResource({ tags: { tier: 'prod' }, config: { publicIp: '203.0.113.7' } });
    expect(publicIpInProdRule.evaluate(resource, context)).toEqual([]);
  });
});

describe('prod-missing-tags', () => {
  const rule = prodMissingTagsRule();

  it('lists the missing required tags', () => {
    const [draft] = rule.evaluate(aResource({ tags: { env: 'prod', owner: 'alice' } }), context);
    expect(draft.evidence.missingTags).toEqual(['team', 'cost-center']);
    expect(draft.evidence.requiredTags).toEqual(DEFAULT_REQUIRED_PROD_TAGS);
  });

  it('accepts the required tags in any case and counts a blank value as missing', () => {
    const [draft] = rule.evaluate(
      aResource({ tags: { Environment: 'prod', Owner: 'alice', TEAM: 'pay', 'cost-center': ' ' } }),
      context,
    );
    expect(draft.evidence.missingTags).toEqual(['cost-center']);
  });

  it('stays silent on a fully tagged production resource of any type', () => {
    expect(rule.evaluate(aResource({ type: 'bucket', tags: PROD_TAGS }), context)).toEqual([]);
  });

  it('stays silent outside production', () => {
    expect(rule.evaluate(aResource({ tags: { env: 'dev' } }), context)).toEqual([]);
  });

  it('checks the tag list it is given', () => {
    const custom = prodMissingTagsRule(['owner', 'data-class']);
    const [draft] = custom.evaluate(aResource({ tags: PROD_TAGS }), context);
    expect(draft.evidence.missingTags).toEqual(['data-class']);
  });
});

describe('prod-no-termination-protection', () => {
  const vm = (terminationProtection: boolean | undefined, tags = PROD_TAGS) =>
    aResource({ tags, config: { terminationProtection } });

  it('reports a production VM without termination protection', () => {
    expect(prodNoTerminationProtectionRule.evaluate(vm(false), context)).toHaveLength(1);
  });

  it('stays silent when protection is on or unknown', () => {
    expect(prodNoTerminationProtectionRule.evaluate(vm(true), context)).toEqual([]);
    expect(prodNoTerminationProtectionRule.evaluate(vm(undefined), context)).toEqual([]);
  });

  it('stays silent outside production and for non-VMs', () => {
    expect(prodNoTerminationProtectionRule.evaluate(vm(false, { env: 'test' }), context)).toEqual([]);
    const db = aResource({ type: 'database', tags: PROD_TAGS, config: { terminationProtection: false } });
    expect(prodNoTerminationProtectionRule.evaluate(db, context)).toEqual([]);
  });
});
