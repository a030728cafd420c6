import { type PolicyMeta, decideOutcome } from './policy-outcome';

const allow = (id: string, label = id): PolicyMeta => ({ id, effect: 'permit', decision: 'allow', label });
const approve = (id: string, label = id): PolicyMeta => ({
  id,
  effect: 'permit',
  decision: 'require_approval',
  label,
});
const block = (id: string, label = id): PolicyMeta => ({ id, effect: 'forbid', decision: 'block', label });

describe('decideOutcome', () => {
  it('applies the default, and says so, when nothing is satisfied', () => {
    for (const decision of ['allow', 'require_approval', 'block'] as const) {
      expect(decideOutcome({ satisfied: [], errored: [] }, decision)).toEqual({
        decision,
        reasons: [`no policy matched; default ${decision}`],
        policyIds: [],
      });
    }
  });

  it('allows on satisfied plain permits, all of them determining', () => {
    expect(decideOutcome({ satisfied: [allow('a', 'reason a'), allow('b')], errored: [] }, 'block')).toEqual({
      decision: 'allow',
      reasons: ['reason a', 'b'],
      policyIds: ['a', 'b'],
    });
  });

  it('requires approval over allow, naming only the require-approval permits', () => {
    expect(
      decideOutcome({ satisfied: [allow('a'), approve('b', 'needs a human')], errored: [] }, 'allow'),
    ).toEqual({
      decision: 'require_approval',
      reasons: ['needs a human'],
      policyIds: ['b'],
    });
  });

  it('blocks over everything, naming only the forbids', () => {
    expect(
      decideOutcome({ satisfied: [allow('a'), approve('b'), block('c'), block('d')], errored: [] }, 'allow'),
    ).toEqual({
      decision: 'block',
      reasons: ['c', 'd'],
      policyIds: ['c', 'd'],
    });
  });

  it('fails closed on an erroring forbid, even against satisfied permits', () => {
    const result = decideOutcome(
      { satisfied: [allow('a')], errored: [{ policy: block('f'), message: 'no attribute x' }] },
      'allow',
    );
    expect(result).toEqual({
      decision: 'block',
      reasons: ['policy f could not be evaluated: no attribute x; counted as block (fail closed)'],
      policyIds: ['f'],
    });
  });

  it('fails closed on an erroring require-approval permit, but a satisfied forbid still wins', () => {
    const errored = [{ policy: approve('p'), message: 'boom' }];
    expect(decideOutcome({ satisfied: [allow('a')], errored }, 'allow')).toMatchObject({
      decision: 'require_approval',
      policyIds: ['p'],
    });
    expect(decideOutcome({ satisfied: [block('f')], errored }, 'allow')).toEqual({
      decision: 'block',
      reasons: ['f', 'policy p could not be evaluated: boom; counted as require_approval (fail closed)'],
      policyIds: ['f'],
    });
  });

  it('ignores an erroring plain permit, which could only have loosened the decision', () => {
    expect(
      decideOutcome(
        { satisfied: [], errored: [{ policy: allow('p'), message: 'boom' }] },
        'require_approval',
      ),
    ).toEqual({
      decision: 'require_approval',
      reasons: [
        'no policy matched; default require_approval',
        'policy p could not be evaluated: boom; ignored',
      ],
      policyIds: [],
    });
  });
});
