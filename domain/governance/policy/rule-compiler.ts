import { DomainError } from '../../shared/domain-error';
import { type Result, err, ok } from '../../shared/result';
import { type GlobPart, cedarAttribute, cedarLikePattern, cedarString, decimalText } from './cedar-text';
import { type PolicyRule, type RuleCondition, parseGlob, ruleId, validatePolicyRules } from './policy-rule';

/**
 * Compiles the simple rule form to Cedar text: one policy per rule, in rule order, deterministic
 * (same rules, same text) and meant to be read. Each requirement of a rule is one `when` clause,
 * and Cedar ANDs them:
 *
 *   @id("large-payments")
 *   @reason("Payments over 100 need a human")
 *   @decision("require_approval")
 *   permit (
 *     principal,
 *     action == Action::"call",
 *     resource == Tool::"send_payment"
 *   )
 *   when { context.argumentTypes has "amount" && (...amount > 100...) };
 *
 * Argument conditions never raise a Cedar error (which would make a `forbid` fail closed): each
 * first checks, through `context.argumentTypes`, that the argument exists and has a type the
 * operator applies to, then compares `Long`s with `>` and `decimal`s with `.greaterThan()`.
 */

export const COMPILED_HEADER = '// Compiled from the rule form. Edit the rules, not this text.';

export function compileRulesToCedar(rules: readonly PolicyRule[]): Result<string, DomainError> {
  const problems = validatePolicyRules(rules);
  if (problems.length > 0) {
    return err(
      DomainError.validation(
        `the rules are not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        problems,
        'invalid_rules',
      ),
    );
  }
  const policies = rules.map((rule, index) => compileRule(rule, index));
  return ok([COMPILED_HEADER, ...policies].join('\n\n') + '\n');
}

function compileRule(rule: PolicyRule, index: number): string {
  const annotations = [`@id(${cedarString(ruleId(rule, index))})`];
  if (rule.description) annotations.push(`@reason(${cedarString(rule.description)})`);
  if (rule.decision === 'require_approval') annotations.push('@decision("require_approval")');

  const clauses: Expr[] = [];
  const principal = scope('principal', 'Agent', 'id', rule.agents, clauses);
  const resource = scope('resource', 'Tool', 'name', rule.tools, clauses);
  if (rule.risk) {
    const levels = [...new Set(rule.risk)];
    clauses.push(
      levels.length === 1
        ? `context.risk == ${cedarString(levels[0]!)}`
        : `[${levels.map(cedarString).join(', ')}].contains(context.risk)`,
    );
  }
  if (rule.environments) clauses.push(anyOf('context.environment', rule.environments));
  for (const condition of rule.when ?? []) clauses.push(compileCondition(condition));

  const effect = rule.decision === 'block' ? 'forbid' : 'permit';
  const head = `${effect} (\n  ${principal},\n  action == Action::"call",\n  ${resource}\n)`;
  const body = clauses.map((clause) => `\n${whenClause(clause)}`).join('');
  return `${annotations.join('\n')}\n${head}${body};`;
}

/**
 * The scope entry for principal or resource: `== Entity::"x"` for one exact name (the cheapest and
 * clearest form), the bare variable for `*`, else a `when` clause over the entity's name attribute.
 */
function scope(
  variable: 'principal' | 'resource',
  type: 'Agent' | 'Tool',
  attribute: 'id' | 'name',
  patterns: readonly string[] | undefined,
  clauses: Expr[],
): string {
  if (patterns === undefined) return variable;
  const globs = patterns.map(globOf);
  if (globs.some((parts) => parts.length === 1 && parts[0] === 'wildcard')) {
    return variable === 'principal' ? `${variable} is ${type}` : variable;
  }
  const literals = globs.map(literalOf);
  if (globs.length === 1 && literals[0] !== null)
    return `${variable} == ${type}::${cedarString(literals[0]!)}`;
  clauses.push(anyOf(`${variable}.${attribute}`, patterns));
  return `${variable} is ${type}`;
}

const globOf = (pattern: string): GlobPart[] => parseGlob(pattern) ?? [];

function literalOf(parts: readonly GlobPart[]): string | null {
  if (parts.length === 0) return '';
  return parts.length === 1 && parts[0] !== 'wildcard' ? parts[0]!.literal : null;
}

/** `subject` equal to or like any of the patterns; literal patterns compare with `==`. */
function anyOf(subject: string, patterns: readonly string[]): Expr {
  const tests = [...new Set(patterns)].map((pattern) => {
    const parts = globOf(pattern);
    const literal = literalOf(parts);
    return literal !== null
      ? `${subject} == ${cedarString(literal)}`
      : `${subject} like ${cedarLikePattern(parts)}`;
  });
  return tests.length === 1 ? tests[0]! : { any: tests };
}

/** A condition as a tree, so that long ones can be laid out over several lines. */
type Expr = string | { readonly all: readonly Expr[] } | { readonly any: readonly Expr[] };

const LINE_WIDTH = 100;

function inline(expr: Expr, nested: boolean): string {
  if (typeof expr === 'string') return expr;
  const [items, op] = 'all' in expr ? [expr.all, ' && '] : [expr.any, ' || '];
  const text = items.map((item) => inline(item, true)).join(op);
  return nested ? `(${text})` : text;
}

/** One `when` clause: on one line when it fits, else one operand per line, nested by indentation. */
function whenClause(expr: Expr): string {
  const flat = `when { ${inline(expr, false)} }`;
  if (flat.length <= LINE_WIDTH) return flat;
  const lines = (e: Expr, indent: string, nested: boolean): string[] => {
    if (typeof e === 'string') return [indent + e];
    const oneLine = indent + inline(e, nested);
    if (oneLine.length <= LINE_WIDTH) return [oneLine];
    const [items, op] = 'all' in e ? [e.all, ' &&'] : [e.any, ' ||'];
    const inner = nested ? `${indent}  ` : indent;
    const body = items.flatMap((item, i) => {
      const rendered = lines(item, inner, true);
      if (i < items.length - 1) rendered[rendered.length - 1] += op;
      return rendered;
    });
    return nested ? [`${indent}(`, ...body, `${indent})`] : body;
  };
  return ['when {', ...lines(expr, '  ', false), '}'].join('\n');
}

const COMPARISONS = {
  gt: { long: '>', decimal: 'greaterThan' },
  gte: { long: '>=', decimal: 'greaterThanOrEqual' },
  lt: { long: '<', decimal: 'lessThan' },
  lte: { long: '<=', decimal: 'lessThanOrEqual' },
} as const;

function compileCondition(condition: RuleCondition): Expr {
  const path = condition.argument;
  const kind = `context.argumentTypes[${cedarString(path)}]`;
  const present = `context.argumentTypes has ${cedarString(path)}`;
  const is = (type: string): string => `${kind} == ${cedarString(type)}`;
  const value = `context.arguments${path.split('.').map(cedarAttribute).join('')}`;
  const v = condition.value;

  switch (condition.op) {
    case 'exists':
      return v === false ? `!(${present})` : present;
    case 'eq':
      return { all: [present, equals(value, v!, is)] };
    case 'ne':
      return { all: [present, `!(${inline(equals(value, v!, is), false)})`] };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const n = v as number;
      const op = COMPARISONS[condition.op];
      // A Long compared with a fractional bound: x > 100.5 ⇔ x > 100, x >= 100.5 ⇔ x >= 101, ...
      const roundDown = condition.op === 'gt' || condition.op === 'lte';
      const bound = Number.isInteger(n) ? n : roundDown ? Math.floor(n) : Math.ceil(n);
      return {
        all: [
          present,
          {
            any: [
              { all: [is('long'), `${value} ${op.long} ${bound}`] },
              { all: [is('decimal'), `${value}.${op.decimal}(${decimal(n)})`] },
            ],
          },
        ],
      };
    }
    case 'contains':
      if (typeof v === 'string') {
        const substring = cedarLikePattern(['wildcard', { literal: v }, 'wildcard']);
        return {
          all: [
            present,
            {
              any: [
                { all: [is('string'), `${value} like ${substring}`] },
                { all: [is('set'), `${value}.contains(${cedarString(v)})`] },
              ],
            },
          ],
        };
      }
      return { all: [present, is('set'), setContains(value, v!)] };
    case 'matches':
      return { all: [present, is('string'), `${value} like ${cedarLikePattern(globOf(v as string))}`] };
  }
}

const decimal = (n: number): string => `decimal(${cedarString(decimalText(n))})`;

/** Equality that holds across Cedar's two number types (`==` between a Long and a decimal is false). */
function equals(value: string, v: string | number | boolean, is: (type: string) => string): Expr {
  if (typeof v === 'string') return `${value} == ${cedarString(v)}`;
  if (typeof v === 'boolean') return `${value} == ${v}`;
  const asDecimal: Expr = { all: [is('decimal'), `${value} == ${decimal(v)}`] };
  if (!Number.isInteger(v)) return asDecimal;
  return { any: [{ all: [is('long'), `${value} == ${v}`] }, asDecimal] };
}

function setContains(value: string, v: number | boolean): Expr {
  if (typeof v === 'boolean') return `${value}.contains(${v})`;
  if (!Number.isInteger(v)) return `${value}.contains(${decimal(v)})`;
  return { any: [`${value}.contains(${v})`, `${value}.contains(${decimal(v)})`] };
}
