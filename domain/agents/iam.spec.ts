import fc from 'fast-check';
import { Agent } from './agent.entity';
import { authorizeAction } from './authorize-action';
import { covers, isPermission, permits } from './iam';
import { ROSTER } from './roster';

const segment = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
const actionName = fc.array(segment, { minLength: 2, maxLength: 4 }).map((s) => s.join('.'));
const wildcard = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `${s.join('.')}.*`);
const junk = fc.oneof(
  fc.string(),
  fc.constantFrom('*', '.*', 'cost.', 'cost..analyze', 'Cost.Analyze', 'cost.*.x'),
);
const permission = fc.oneof(actionName, wildcard, junk);

/** The specification written independently of the implementation. */
const grantedBy = (p: string, action: string): boolean =>
  isPermission(p) &&
  isPermission(action) &&
  !action.endsWith('*') &&
  (p === action || (p.endsWith('.*') && action.startsWith(p.slice(0, -1))));

const agentWith = (permissions: string[], status: 'active' | 'disabled' = 'active'): Agent => {
  const agent = Agent.create({
    code: 'TST',
    name: 'Test',
    level: 'L2',
    role: 'tester',
    description: '',
    skills: [],
    permissions: permissions.filter(isPermission),
    parent: null,
    status,
  });
  if (!agent.ok) throw new Error(agent.error.message);
  return agent.value;
};

describe('IAM', () => {
  it('never grants an action that no permission covers', () => {
    fc.assert(
      fc.property(
        fc.array(permission, { maxLength: 6 }),
        fc.oneof(actionName, junk),
        (permissions, action) => {
          expect(permits(permissions, action)).toBe(permissions.some((p) => grantedBy(p, action)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('grants an exactly named action', () => {
    fc.assert(
      fc.property(actionName, fc.array(permission, { maxLength: 4 }), (action, others) => {
        expect(permits([...others, action], action)).toBe(true);
      }),
    );
  });

  it('lets a wildcard cover its family and nothing beside it', () => {
    expect(covers('migration.*', 'migration.plan_wave')).toBe(true);
    expect(covers('migration.*', 'migration.wave.run')).toBe(true);
    expect(covers('migration.*', 'migration')).toBe(false);
    expect(covers('migration.*', 'migrations.assess')).toBe(false);
    expect(covers('migration.*', 'cost.analyze')).toBe(false);
  });

  it.each(['*', '.*', '', 'cost', 'cost.', 'Cost.analyze', 'cost.*.x', 'cost.analyze '])(
    'treats "%s" as no permission at all',
    (p) => {
      expect(isPermission(p)).toBe(false);
      expect(permits([p], 'cost.analyze')).toBe(false);
    },
  );

  it('denies a disabled agent even the actions it holds', () => {
    const result = authorizeAction(agentWith(['cost.analyze'], 'disabled'), 'cost.analyze');
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden', reason: 'agent_disabled' }),
    });
  });

  it('agrees with the permissions for every roster agent and any action', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROSTER), fc.oneof(actionName, junk), (agent, action) => {
        const allowed = authorizeAction(agent, action).ok;
        expect(allowed).toBe(agent.permissions.some((p) => grantedBy(p, action)));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the orchestrator no action of its own', () => {
    const epa = ROSTER.find((a) => a.code === 'EPA');
    expect(epa?.permissions).toEqual([]);
    for (const agent of ROSTER) {
      for (const action of agent.permissions) {
        expect(authorizeAction(epa as Agent, action)).toEqual({
          ok: false,
          error: expect.objectContaining({ reason: 'action_not_permitted' }),
        });
      }
    }
  });
});
