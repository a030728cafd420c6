import { type FieldError } from '../../shared/domain-error';
import { POLICY_DECISIONS, type PolicyDecision, RISK_LEVELS } from '../ports/policy-engine.port';
import { SUMMARY_LIMITS } from './argument-summary';
import { CEDAR_JSON_ESCAPES, DECIMAL_FRACTION_DIGITS, DECIMAL_MAX, type GlobPart } from './cedar-text';

/**
 * The simple rule form of a policy set: what most teams need, without writing Cedar. Each rule
 * becomes one Cedar policy (rule-compiler.ts). A rule applies when every one of its parts matches:
 * the tool, the agent, the risk, the environment and each `when` condition.
 *
 * Globs (`tools`, `agents`, `environments`, `matches`): `*` matches any run of characters, `\*` is
 * a literal star and `\\` a literal backslash; anything else is literal.
 *
 * Conditions read the call's arguments by dotted path (`amount`, `options.force`). Every condition
 * except `exists` is false when the argument is missing, or is of a type the operator does not
 * apply to: numbers compare only with JSON numbers, `matches` only with strings, `contains` with a
 * string (substring) or a list (element).
 */

export const RULE_CONDITION_OPS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'matches',
  'exists',
] as const;
export type RuleConditionOp = (typeof RULE_CONDITION_OPS)[number];

/** Risk levels a rule can name: the four levels, or `unknown` for calls sent without one. */
export const RULE_RISKS = [...RISK_LEVELS, 'unknown'] as const;
export type RuleRisk = (typeof RULE_RISKS)[number];

export interface RuleCondition {
  /** Dotted path into the arguments, e.g. `amount` or `options.force`. */
  readonly argument: string;
  readonly op: RuleConditionOp;
  /** Required except for `exists`, where `false` means "must be absent" (default true). */
  readonly value?: string | number | boolean;
}

export interface PolicyRule {
  /** Becomes the policy's `@id`; defaults to `rule-<n>` (1-based position). */
  readonly id?: string;
  /** Becomes the policy's `@reason`, shown with every decision it makes. */
  readonly description?: string;
  readonly tools: readonly string[];
  readonly decision: PolicyDecision;
  /** Agent ids (globs); any principal when absent. */
  readonly agents?: readonly string[];
  readonly risk?: readonly RuleRisk[];
  /** Environment names (globs); any environment when absent. */
  readonly environments?: readonly string[];
  readonly when?: readonly RuleCondition[];
}

export const RULE_LIMITS = {
  rules: 1000,
  patterns: 100,
  patternLength: 200,
  conditions: 20,
  idLength: 128,
  descriptionLength: 2000,
  /** A path has at most one segment per summarised level: the root record and `maxDepth` below. */
  pathSegments: SUMMARY_LIMITS.maxDepth + 1,
} as const;

export const RULE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** The `@id` a rule gets. */
export const ruleId = (rule: PolicyRule, index: number): string => rule.id ?? `rule-${index + 1}`;

/** Splits a glob into literal runs and wildcards; null when an escape is malformed. */
export function parseGlob(pattern: string): GlobPart[] | null {
  const parts: GlobPart[] = [];
  let literal = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') return null;
      literal += next;
      i++;
    } else if (char === '*') {
      if (literal) parts.push({ literal });
      literal = '';
      if (parts[parts.length - 1] !== 'wildcard') parts.push('wildcard');
    } else {
      literal += char;
    }
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** A number a rule may compare with: exactly representable as a Cedar decimal. */
export function isRuleNumber(value: number): boolean {
  return (
    Number.isFinite(value) &&
    Math.abs(value) <= DECIMAL_MAX &&
    Number(value.toFixed(DECIMAL_FRACTION_DIGITS)) === value
  );
}

/** Every problem of a rule list, each with the dotted path of the offending field. */
export function validatePolicyRules(rules: readonly PolicyRule[]): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string): void => {
    errors.push({ path, message });
  };
  if (rules.length > RULE_LIMITS.rules) fail('rules', `at most ${RULE_LIMITS.rules} rules`);

  const ids = new Map<string, number>();
  rules.forEach((rule, index) => {
    const at = `rules.${index}`;
    if (rule.id !== undefined) {
      if (rule.id.length > RULE_LIMITS.idLength || !RULE_ID_PATTERN.test(rule.id)) {
        fail(
          `${at}.id`,
          `letters, digits and _ . : - only, starting with a letter or digit, at most ${RULE_LIMITS.idLength}`,
        );
      }
    }
    const id = ruleId(rule, index);
    const previous = ids.get(id);
    if (previous !== undefined) fail(`${at}.id`, `"${id}" is also the id of rule ${previous + 1}`);
    else ids.set(id, index);
    if (rule.description !== undefined && rule.description.length > RULE_LIMITS.descriptionLength) {
      fail(`${at}.description`, `at most ${RULE_LIMITS.descriptionLength} characters`);
    }
    if (!POLICY_DECISIONS.includes(rule.decision)) {
      fail(`${at}.decision`, `one of ${POLICY_DECISIONS.join(', ')}`);
    }
    checkPatterns(rule.tools, `${at}.tools`, true, fail);
    checkPatterns(rule.agents, `${at}.agents`, false, fail);
    checkPatterns(rule.environments, `${at}.environments`, false, fail);
    if (rule.risk !== undefined) {
      if (rule.risk.length === 0) fail(`${at}.risk`, 'name at least one risk level, or leave risk out');
      rule.risk.forEach((risk, i) => {
        if (!RULE_RISKS.includes(risk)) fail(`${at}.risk.${i}`, `one of ${RULE_RISKS.join(', ')}`);
      });
    }
    if (rule.when !== undefined) {
      if (rule.when.length > RULE_LIMITS.conditions)
        fail(`${at}.when`, `at most ${RULE_LIMITS.conditions} conditions`);
      rule.when.forEach((condition, i) => checkCondition(condition, `${at}.when.${i}`, fail));
    }
  });
  return errors;
}

function checkPatterns(
  patterns: readonly string[] | undefined,
  at: string,
  required: boolean,
  fail: (path: string, message: string) => void,
): void {
  if (patterns === undefined) {
    if (required) fail(at, 'required');
    return;
  }
  if (patterns.length === 0)
    fail(
      at,
      required ? 'name at least one pattern ("*" for all)' : 'name at least one pattern, or leave it out',
    );
  if (patterns.length > RULE_LIMITS.patterns) fail(at, `at most ${RULE_LIMITS.patterns} patterns`);
  patterns.forEach((pattern, i) => {
    const problem = globProblem(pattern);
    if (problem) fail(`${at}.${i}`, problem);
  });
}

function globProblem(pattern: string): string | null {
  if (typeof pattern !== 'string' || pattern.length === 0) return 'an empty pattern matches nothing';
  if (pattern.length > RULE_LIMITS.patternLength) return `at most ${RULE_LIMITS.patternLength} characters`;
  if (parseGlob(pattern) === null)
    return 'a backslash may only escape * or \\ (write \\* for a literal star)';
  return null;
}

function checkCondition(
  condition: RuleCondition,
  at: string,
  fail: (path: string, message: string) => void,
): void {
  const segments = typeof condition.argument === 'string' ? condition.argument.split('.') : [];
  if (segments.length === 0 || segments.some((segment) => segment.length === 0)) {
    fail(`${at}.argument`, 'a dotted path such as amount or options.force, without empty segments');
  } else if (segments.length > RULE_LIMITS.pathSegments) {
    fail(
      `${at}.argument`,
      `arguments are summarised ${RULE_LIMITS.pathSegments} levels deep; this path is longer`,
    );
  } else if (segments.some((segment) => segment.length > SUMMARY_LIMITS.maxKeyLength)) {
    fail(`${at}.argument`, `keys longer than ${SUMMARY_LIMITS.maxKeyLength} characters are not summarised`);
  } else if (segments.some((segment) => CEDAR_JSON_ESCAPES.has(segment))) {
    fail(
      `${at}.argument`,
      `${[...CEDAR_JSON_ESCAPES].join(', ')} are reserved by Cedar and never summarised`,
    );
  }

  const value = condition.value;
  const problem = ((): string | null => {
    switch (condition.op) {
      case 'exists':
        return value === undefined || typeof value === 'boolean' ? null : 'true (present) or false (absent)';
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return typeof value === 'number' ? numberProblem(value) : 'a number';
      case 'eq':
      case 'ne':
      case 'contains':
        if (typeof value === 'number') return numberProblem(value);
        if (typeof value === 'string') return stringProblem(value);
        return typeof value === 'boolean' ? null : 'a string, number or boolean';
      case 'matches':
        return typeof value === 'string' ? globProblem(value) : 'a glob pattern (string)';
      default:
        return null;
    }
  })();
  if (!RULE_CONDITION_OPS.includes(condition.op)) fail(`${at}.op`, `one of ${RULE_CONDITION_OPS.join(', ')}`);
  else if (problem) fail(`${at}.value`, problem);
}

function numberProblem(value: number): string | null {
  return isRuleNumber(value)
    ? null
    : `a number with at most ${DECIMAL_FRACTION_DIGITS} decimal places and magnitude at most ${DECIMAL_MAX} (Cedar decimal)`;
}

function stringProblem(value: string): string | null {
  return value.length > SUMMARY_LIMITS.maxStringLength
    ? `at most ${SUMMARY_LIMITS.maxStringLength} characters (arguments are cut to that length)`
    : null;
}
