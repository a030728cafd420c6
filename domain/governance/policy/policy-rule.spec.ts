import { type PolicyRule, isRuleNumber, parseGlob, validatePolicyRules } from './policy-rule';

const valid: PolicyRule = { tools: ['send_payment'], decision: 'allow' };
const problems = (rules: readonly unknown[]) => validatePolicyRules(rules as PolicyRule[]);

describe('parseGlob', () => {
  it('splits literals and wildcards, with \\* and \\\\ as escapes', () => {
    expect(parseGlob('github_*')).toEqual([{ literal: 'github_' }, 'wildcard']);
    expect(parseGlob('*a**b*')).toEqual([
      'wildcard',
      { literal: 'a' },
      'wildcard',
      { literal: 'b' },
      'wildcard',
    ]);
    expect(parseGlob('odd\\*name\\\\')).toEqual([{ literal: 'odd*name\\' }]);
  });

  it('rejects any other escape and a trailing backslash', () => {
    expect(parseGlob('a\\b')).toBeNull();
    expect(parseGlob('a\\')).toBeNull();
  });
});

describe('isRuleNumber', () => {
  it("accepts what Cedar's decimal holds exactly", () => {
    expect([0, -5, 100.5, 1.2345, 922_337_203_685_477, -922_337_203_685_477].every(isRuleNumber)).toBe(true);
    expect([1.23456, 0.1 + 0.2, 922_337_203_685_478, Infinity, NaN].some(isRuleNumber)).toBe(false);
  });
});

describe('validatePolicyRules', () => {
  it('accepts valid rules, and an empty list', () => {
    expect(problems([])).toEqual([]);
    expect(
      problems([
        valid,
        {
          id: 'full.rule:1',
          description: 'everything',
          tools: ['*'],
          decision: 'block',
          agents: ['ops-*'],
          risk: ['high', 'unknown'],
          environments: ['prod'],
          when: [
            { argument: 'a.b', op: 'gt', value: 1.5 },
            { argument: 'c', op: 'eq', value: true },
            { argument: 'd', op: 'contains', value: 'x' },
            { argument: 'e', op: 'matches', value: '/etc/*' },
            { argument: 'f', op: 'exists' },
            { argument: 'g', op: 'exists', value: false },
          ],
        },
      ]),
    ).toEqual([]);
  });

  it('names each problem by its path', () => {
    expect(
      problems([
        { tools: [], decision: 'allow' },
        { tools: ['ok', '', 'bad\\escape'], decision: 'maybe' },
        { tools: ['x'], decision: 'allow', agents: [], risk: ['extreme'], environments: ['x'.repeat(201)] },
      ]),
    ).toEqual([
      { path: 'rules.0.tools', message: 'name at least one pattern ("*" for all)' },
      { path: 'rules.1.decision', message: 'one of allow, require_approval, block' },
      { path: 'rules.1.tools.1', message: 'an empty pattern matches nothing' },
      {
        path: 'rules.1.tools.2',
        message: 'a backslash may only escape * or \\ (write \\* for a literal star)',
      },
      { path: 'rules.2.agents', message: 'name at least one pattern, or leave it out' },
      { path: 'rules.2.environments.0', message: 'at most 200 characters' },
      { path: 'rules.2.risk.0', message: 'one of low, medium, high, critical, unknown' },
    ]);
  });

  it('rejects malformed and duplicate ids, generated ones included', () => {
    expect(
      problems([
        { ...valid, id: 'has space' },
        { ...valid, id: 'rule-1' },
        valid, // rule-3
        { ...valid, id: 'rule-3' },
      ]),
    ).toEqual([
      { path: 'rules.0.id', message: expect.stringContaining('letters, digits') },
      { path: 'rules.3.id', message: '"rule-3" is also the id of rule 3' },
    ]);
    expect(
      problems([
        { ...valid, id: 'a' },
        { ...valid, id: 'a' },
      ]),
    ).toEqual([{ path: 'rules.1.id', message: '"a" is also the id of rule 1' }]);
  });

  it('checks argument paths', () => {
    const path = (argument: string) =>
      problems([{ ...valid, when: [{ argument, op: 'exists' }] }]).map((p) => p.message);
    expect(path('a.b.c.d.e')).toEqual([]);
    expect(path('a.b.c.d.e.f')).toEqual(['arguments are summarised 5 levels deep; this path is longer']);
    expect(path('a..b')).toEqual(['a dotted path such as amount or options.force, without empty segments']);
    expect(path('')).toEqual(['a dotted path such as amount or options.force, without empty segments']);
    expect(path('k'.repeat(129))).toEqual(['keys longer than 128 characters are not summarised']);
    expect(path('x.__entity')).toEqual([
      '__entity, __extn, __expr are reserved by Cedar and never summarised',
    ]);
  });

  it('checks that each operator gets a value it can compare with', () => {
    const value = (op: string, v?: unknown) =>
      problems([{ ...valid, when: [{ argument: 'a', op, value: v }] }]).map((p) => `${p.path}: ${p.message}`);
    expect(value('gt', '100')).toEqual(['rules.0.when.0.value: a number']);
    expect(value('lte', 1.23456)).toEqual([
      expect.stringMatching(/^rules.0.when.0.value: a number with at most 4 decimal places/),
    ]);
    expect(value('eq')).toEqual(['rules.0.when.0.value: a string, number or boolean']);
    expect(value('ne', 'x'.repeat(1001))).toEqual([expect.stringContaining('at most 1000 characters')]);
    expect(value('contains', null)).toEqual(['rules.0.when.0.value: a string, number or boolean']);
    expect(value('matches', 5)).toEqual(['rules.0.when.0.value: a glob pattern (string)']);
    expect(value('matches', 'a\\b')).toEqual([expect.stringContaining('a backslash may only escape')]);
    expect(value('exists', 'yes')).toEqual(['rules.0.when.0.value: true (present) or false (absent)']);
    expect(value('between', 1)).toEqual([expect.stringMatching(/^rules.0.when.0.op: one of eq, ne/)]);
  });
});
