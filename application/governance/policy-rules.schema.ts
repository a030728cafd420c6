import { z } from 'zod';
import {
  type PolicyRule,
  RULE_CONDITION_OPS,
  RULE_ID_PATTERN,
  RULE_LIMITS,
  RULE_RISKS,
} from '../../domain/governance/policy/policy-rule';
import { POLICY_DECISIONS } from '../../domain/governance/ports/policy-engine.port';

/**
 * The simple rule form of a policy set, as requests send it. The shape is checked here; what needs
 * the domain's knowledge (glob escapes, argument paths, Cedar-decimal numbers, unique ids) is
 * checked by `compileRulesToCedar`, which reports each problem with its path.
 */

const Glob = z
  .string()
  .min(1)
  .max(RULE_LIMITS.patternLength)
  .describe('Exact name, or a glob: * matches any run of characters, \\* is a literal star');
const Globs = z.array(Glob).min(1).max(RULE_LIMITS.patterns);

export const RuleConditionSchema = z
  .strictObject({
    argument: z
      .string()
      .min(1)
      .max(1000)
      .describe('Dotted path into the tool call arguments, e.g. amount or options.force'),
    op: z
      .enum(RULE_CONDITION_OPS)
      .describe(
        'eq/ne: equal or not (the argument must exist); gt/gte/lt/lte: numeric comparison; ' +
          'contains: substring of a string or element of a list; matches: glob on a string; ' +
          'exists: present (value true, the default) or absent (value false)',
      ),
    value: z
      .union([z.string(), z.number(), z.boolean()])
      .optional()
      .describe('What to compare with; numbers take at most 4 decimal places (Cedar decimal)'),
  })
  .describe('A condition on one argument; false when the argument is missing or of another type');

export const PolicyRuleSchema = z
  .strictObject({
    id: z
      .string()
      .max(RULE_LIMITS.idLength)
      .regex(RULE_ID_PATTERN, 'letters, digits and _ . : - only, starting with a letter or digit')
      .optional()
      .describe('The Cedar @id of the compiled policy, named in decisions; defaults to rule-<n>'),
    description: z
      .string()
      .max(RULE_LIMITS.descriptionLength)
      .optional()
      .describe('Why the rule exists; given as the reason of every decision it makes'),
    tools: Globs.describe('Tool names the rule applies to; ["*"] for every tool'),
    decision: z
      .enum(POLICY_DECISIONS)
      .describe('What a matching call gets; block wins over require_approval, which wins over allow'),
    agents: Globs.optional().describe('Agent ids the rule applies to; every caller when absent'),
    risk: z
      .array(z.enum(RULE_RISKS))
      .min(1)
      .optional()
      .describe('Risk levels the rule applies to (unknown: calls sent without one); any when absent'),
    environments: Globs.optional().describe('Environments the rule applies to; any when absent'),
    when: z
      .array(RuleConditionSchema)
      .max(RULE_LIMITS.conditions)
      .optional()
      .describe('Conditions on the arguments, all of which must hold'),
  })
  .describe('One rule: calls to these tools (by these agents, at these risks, ...) get this decision');

export const PolicyRulesSchema = z
  .array(PolicyRuleSchema)
  .max(RULE_LIMITS.rules)
  .describe(
    'Rules compiled to one Cedar policy each, in order; when none matches, the default decision applies',
  );

export type PolicyRulesInput = z.infer<typeof PolicyRulesSchema>;

// Fails to compile if the schema and the domain type drift apart: parsed input is what the compiler takes.
type SchemaMatchesDomain = PolicyRulesInput extends readonly PolicyRule[] ? true : false;
const _schemaMatchesDomain: SchemaMatchesDomain = true;
