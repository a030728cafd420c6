import { Agent, type AgentProps } from './agent.entity';
import { AgentDirectory, ROSTER } from './roster';

const props = (overrides: Partial<AgentProps> = {}): AgentProps => ({
  code: 'FIA',
  name: 'Financial Insight Agent',
  level: 'L2',
  role: 'FinOps',
  description: '',
  skills: [],
  permissions: ['cost.analyze'],
  parent: null,
  status: 'active',
  ...overrides,
});

describe('Agent', () => {
  it('refuses malformed permissions, with the offending field', () => {
    const result = Agent.create(props({ permissions: ['cost.analyze', '*'] }));
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        fields: [{ path: 'permissions.1', message: '"*" is not a permission' }],
      }),
    });
  });

  it('requires a parent for an L1 worker and none above', () => {
    expect(Agent.create(props({ level: 'L1', code: 'FIA.L1.t' })).ok).toBe(false);
    expect(Agent.create(props({ parent: 'EPA' })).ok).toBe(false);
    expect(Agent.create(props({ level: 'L1', code: 'DOA.L1.t', parent: 'FIA' })).ok).toBe(false);
    expect(Agent.create(props({ level: 'L1', code: 'FIA.L1.t', parent: 'FIA' })).ok).toBe(true);
  });

  it('changes status by returning a new agent', () => {
    const agent = Agent.create(props());
    if (!agent.ok) throw new Error();
    const disabled = agent.value.disable();
    expect(disabled.status).toBe('disabled');
    expect(agent.value.status).toBe('active');
    expect(disabled.enable().isActive).toBe(true);
  });
});

describe('the roster', () => {
  it('is EPA over the six L2 specialists', () => {
    expect(ROSTER.map((a) => `${a.level}:${a.code}`)).toEqual([
      'L3:EPA',
      'L2:RSA',
      'L2:FIA',
      'L2:GA',
      'L2:MVA',
      'L2:DOA',
      'L2:PMA',
    ]);
    expect(new AgentDirectory().specialists()).toHaveLength(6);
  });

  it('gives no two specialists the same action', () => {
    const all = ROSTER.flatMap((a) => a.permissions);
    expect(new Set(all).size).toBe(all.length);
  });

  it('publishes skills with examples for agent cards', () => {
    for (const agent of ROSTER) {
      expect(agent.skills.length).toBeGreaterThan(0);
      for (const skill of agent.skills) expect(skill.examples.length).toBeGreaterThan(0);
    }
  });
});
