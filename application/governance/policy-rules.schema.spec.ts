import { compileRulesToCedar } from '../../domain/governance/policy/rule-compiler';
import { PolicyRulesSchema } from './policy-rules.schema';

describe('PolicyRulesSchema', () => {
  it('accepts the rule form and hands the compiler exactly what it takes', () => {
    const parsed = PolicyRulesSchema.parse([
      {
        id: 'large-payments',
        description: 'Payments over 100 need a human',
        tools: ['send_payment', 'refund_*'],
        decision: 'require_approval',
        agents: ['billing-*'],
        risk: ['high', 'unknown'],
        environments: ['production'],
        when: [
          { argument: 'amount', op: 'gt', value: 100 },
          { argument: 'dry_run', op: 'exists', value: false },
        ],
      },
      { tools: ['*'], decision: 'allow' },
    ]);
    expect(compileRulesToCedar(parsed).ok).toBe(true);
  });

  it('rejects unknown fields, decisions, operators and risk levels, with their paths', () => {
    const result = PolicyRulesSchema.safeParse([
      { tools: ['x'], decision: 'deny', extra: 1 },
      {
        tools: ['x'],
        decision: 'allow',
        risk: ['severe'],
        when: [{ argument: 'a', op: 'between', value: [1, 2] }],
      },
    ]);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['0.decision', '0', '1.risk.0', '1.when.0.op', '1.when.0.value']),
    );
  });

  it('requires tools, and at least one pattern where patterns are given', () => {
    const paths = (rule: unknown) =>
      PolicyRulesSchema.safeParse([rule]).error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths({ decision: 'allow' })).toEqual(['0.tools']);
    expect(paths({ tools: [], decision: 'allow' })).toEqual(['0.tools']);
    expect(paths({ tools: [''], decision: 'allow', agents: [] })).toEqual(['0.tools.0', '0.agents']);
    expect(paths({ tools: ['x'], decision: 'allow', id: 'bad id' })).toEqual(['0.id']);
  });

  it('describes its fields, for OpenAPI and MCP tool schemas', () => {
    expect(PolicyRulesSchema.description).toMatch(/compiled to one Cedar policy each/);
    expect(PolicyRulesSchema.element.shape.when.description).toMatch(/Conditions on the arguments/);
  });
});
