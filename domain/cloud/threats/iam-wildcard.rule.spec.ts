import { type IamStatement } from '../resource.entity';
import { iamWildcardRule } from './iam-wildcard.rule';
import { aResource } from '../../../test/support/cloud-builders';

const evaluate = (iamStatements: IamStatement[], type: 'iam_policy' | 'vm' = 'iam_policy') =>
  iamWildcardRule.evaluate(aResource({ type, config: { iamStatements } }), { resources: [] });

describe('iam-wildcard', () => {
  it("reports '*' on '*' as critical", () => {
    const [draft] = evaluate([{ effect: 'Allow', actions: ['*'], resources: ['*'] }]);
    expect(draft.severity).toBe('critical');
  });

  it("reports a service wildcard on '*' as high, with the offending statement", () => {
    const drafts = evaluate([
      { effect: 'Allow', actions: ['s3:GetObject'], resources: ['*'] },
      { effect: 'Allow', actions: ['s3:GetObject', 'ec2:*'], resources: ['*'] },
    ]);
    expect(drafts).toEqual([
      expect.objectContaining({
        severity: 'high',
        evidence: { statements: [{ index: 1, actions: ['ec2:*'], resources: ['*'] }] },
      }),
    ]);
  });

  it('grades the policy by its worst statement', () => {
    const drafts = evaluate([
      { effect: 'Allow', actions: ['iam:*'], resources: ['*'] },
      { effect: 'Allow', actions: ['*:*'], resources: ['*'] },
    ]);
    expect(drafts.map((d) => d.severity)).toEqual(['critical']);
  });

  it('reads statements on any resource type', () => {
    expect(evaluate([{ effect: 'Allow', actions: ['*'], resources: ['*'] }], 'vm')).toHaveLength(1);
  });

  it('ignores Deny statements', () => {
    expect(evaluate([{ effect: 'Deny', actions: ['*'], resources: ['*'] }])).toEqual([]);
  });

  it('ignores wildcards scoped to specific resources', () => {
    expect(evaluate([{ effect: 'Allow', actions: ['*'], resources: ['arn:aws:s3:::logs/*'] }])).toEqual([]);
  });

  it('ignores partial action wildcards', () => {
    expect(evaluate([{ effect: 'Allow', actions: ['s3:Get*', 'ec2:Describe*'], resources: ['*'] }])).toEqual(
      [],
    );
  });
});
