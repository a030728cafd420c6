import fc from 'fast-check';
import { type PolicyRule } from './policy-rule';
import { COMPILED_HEADER, compileRulesToCedar } from './rule-compiler';

function compile(rules: readonly PolicyRule[]): string {
  const result = compileRulesToCedar(rules);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('compileRulesToCedar', () => {
  it('compiles no rules to an empty (valid) policy set', () => {
    expect(compile([])).toBe(`${COMPILED_HEADER}\n`);
  });

  it('writes one readable policy per rule, scoping exact names and annotating id, reason and decision', () => {
    expect(
      compile([
        {
          id: 'large-payments',
          description: 'Payments over 100 need a human',
          tools: ['send_payment'],
          agents: ['billing-bot'],
          decision: 'require_approval',
          when: [{ argument: 'amount', op: 'gt', value: 100 }],
        },
        { tools: ['*'], decision: 'allow' },
      ]),
    ).toBe(
      [
        COMPILED_HEADER,
        '',
        '@id("large-payments")',
        '@reason("Payments over 100 need a human")',
        '@decision("require_approval")',
        'permit (',
        '  principal == Agent::"billing-bot",',
        '  action == Action::"call",',
        '  resource == Tool::"send_payment"',
        ')',
        'when {',
        '  context.argumentTypes has "amount" &&',
        '  (',
        '    (context.argumentTypes["amount"] == "long" && context.arguments.amount > 100) ||',
        '    (',
        '      context.argumentTypes["amount"] == "decimal" &&',
        '      context.arguments.amount.greaterThan(decimal("100.0"))',
        '    )',
        '  )',
        '};',
        '',
        '@id("rule-2")',
        'permit (',
        '  principal,',
        '  action == Action::"call",',
        '  resource',
        ');',
        '',
      ].join('\n'),
    );
  });

  it('blocks with forbid, matching globs with like and escaping what Cedar needs escaped', () => {
    const cedar = compile([
      {
        description: 'no "force" pushes\nanywhere',
        tools: ['git_*', 'odd\\*name', 'deploy'],
        agents: ['intern-*'],
        risk: ['high', 'critical'],
        environments: ['prod-*'],
        decision: 'block',
      },
    ]);
    expect(cedar).toContain('@reason("no \\"force\\" pushes\\nanywhere")\nforbid (\n  principal is Agent,');
    expect(cedar).toContain('when { principal.id like "intern-*" }');
    expect(cedar).toContain(
      'when { resource.name like "git_*" || resource.name == "odd*name" || resource.name == "deploy" }',
    );
    expect(cedar).toContain('when { ["high", "critical"].contains(context.risk) }');
    expect(cedar).toContain('when { context.environment like "prod-*" }');
    expect(cedar).not.toContain('@decision');
  });

  it('guards every argument read and tests its type first', () => {
    const cedar = compile([
      {
        tools: ['x'],
        decision: 'block',
        when: [
          { argument: 'options.if', op: 'eq', value: 3 },
          { argument: 'mode', op: 'ne', value: 'dry' },
          { argument: 'path', op: 'matches', value: '/etc/*' },
          { argument: 'ids', op: 'contains', value: 2.5 },
          { argument: 'gone', op: 'exists', value: false },
          { argument: 'n', op: 'gte', value: 1.5 },
        ],
      },
    ]);
    expect(cedar).toContain('context.argumentTypes has "options.if" &&');
    expect(cedar).toContain(
      '(context.argumentTypes["options.if"] == "long" && context.arguments.options["if"] == 3) ||',
    );
    expect(cedar).toContain('context.arguments.options["if"] == decimal("3.0")');
    expect(cedar).toContain(
      'when { context.argumentTypes has "mode" && !(context.arguments.mode == "dry") }',
    );
    expect(cedar).toContain(
      'context.argumentTypes["path"] == "string" &&\n  context.arguments.path like "/etc/*"',
    );
    expect(cedar).toContain(
      'context.argumentTypes["ids"] == "set" &&\n  context.arguments.ids.contains(decimal("2.5"))',
    );
    expect(cedar).toContain('when { !(context.argumentTypes has "gone") }');
    // A Long is at least 1.5 exactly when it is at least 2.
    expect(cedar).toContain('context.arguments.n >= 2');
    expect(cedar).toContain('context.arguments.n.greaterThanOrEqual(decimal("1.5"))');
  });

  it('returns every rule problem as one validation error with field paths', () => {
    const result = compileRulesToCedar([
      { tools: [], decision: 'allow' },
      { tools: ['a\\'], decision: 'block' },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.reason).toBe('invalid_rules');
    expect(result.error.fields.map((field) => field.path)).toEqual(['rules.0.tools', 'rules.1.tools.0']);
    expect(result.error.message).toMatch(/^the rules are not valid: rules.0.tools: /);
  });

  it('is deterministic: the same rules give the same text', () => {
    const rules = fc.array(
      fc.record({
        tools: fc.array(
          fc
            .string({ minLength: 1, maxLength: 6 })
            .map((s) => s.replace(/\\/g, ''))
            .filter(Boolean),
          { minLength: 1, maxLength: 3 },
        ),
        decision: fc.constantFrom('allow' as const, 'require_approval' as const, 'block' as const),
        description: fc.string(),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(rules, (list) => {
        expect(compile(list)).toBe(compile(structuredClone(list)));
        expect(compile(list).match(/^@id\(/gm) ?? []).toHaveLength(list.length);
      }),
    );
  });
});
