import { type PolicyProblem } from '../../domain/governance/ports/policy-engine.port';
import { wellFormed } from '../../domain/governance/policy/cedar-text';
import { cedar } from './cedar-wasm';
import { type SourceProblem, readPolicySet, templateProblem } from './cedar-policy-set';
import { CEDAR_SCHEMA, isOpenAttributeError } from './cedar-schema';
import { byteOffsetToIndex, lineColumnAt } from './cedar-source';

/**
 * Syntax, annotation and schema problems of a policy set, each at a 1-based line and column, in
 * source order. An empty policy set is valid: the version's default decision then always applies.
 */
export function checkCedarPolicies(source: string): PolicyProblem[] {
  // Lone surrogates break the bindings' JSON; U+FFFD keeps every offset where it was.
  const text = wellFormed(source);
  let problems: SourceProblem[];
  try {
    problems = sourceProblems(text);
  } catch (error) {
    // The bindings throw (rather than answer) on input they cannot even serialise.
    problems = [{ index: 0, message: `Cedar could not read the text: ${(error as Error).message}` }];
  }
  const seen = new Set<string>();
  return problems
    .map((problem) => ({ message: problem.message, ...lineColumnAt(text, problem.index) }))
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .filter((problem) => {
      const key = `${problem.line}:${problem.column}:${problem.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

function sourceProblems(text: string): SourceProblem[] {
  const parsed = cedar.checkParsePolicySet({ staticPolicies: text });
  if (parsed.type === 'failure') {
    if (parsed.errors.some((error) => TEMPLATE_ERROR.test(error.message))) return [templateProblem(text)];
    return parsed.errors.flatMap((error) => fromDetailed(text, error));
  }

  const read = readPolicySet(text);
  if (!read.ok) return [...read.problems];
  // Evaluation maps Cedar's positional ids onto this reading; make sure both see the same policies.
  const parts = cedar.policySetTextToParts(text);
  if (parts.type === 'success' && parts.policies.length !== read.set.policies.length) {
    return [{ index: 0, message: 'the policy set could not be split into its policies; please report this' }];
  }

  const validated = cedar.validate({
    schema: CEDAR_SCHEMA,
    policies: { staticPolicies: text },
    validationSettings: { mode: 'strict' },
  });
  if (validated.type === 'failure') return validated.errors.flatMap((error) => fromDetailed(text, error));
  const schemaProblems = validated.validationErrors
    .filter((error) => !isOpenAttributeError(error.error.message))
    .flatMap((error) =>
      fromDetailed(text, error.error, read.set.byCedarId.get(error.policyId)?.id ?? error.policyId),
    );
  return [...read.problems, ...schemaProblems];
}

const TEMPLATE_ERROR = /includes a template/;

/** One problem per source location of a Cedar error, with its labels and help in the message. */
function fromDetailed(text: string, error: cedar.DetailedError, policyId?: string): SourceProblem[] {
  // Cedar prefixes validation messages with its positional policy id; name the policy as its author does.
  const tidy = (text: string): string =>
    text
      .replace(/for policy `[^`]*`, /g, '')
      .replace(/^failed to parse policies from string: /, 'syntax error: ');
  const help = error.help ? ` (${tidy(error.help)})` : '';
  const base = `${policyId ? `policy ${policyId}: ` : ''}${tidy(error.message)}${help}`;
  const locations = error.sourceLocations ?? [];
  if (locations.length === 0) return [{ index: 0, message: base }];
  return locations.map((location) => ({
    index: byteOffsetToIndex(text, location.start),
    message: location.label ? `${base}: ${location.label}` : base,
  }));
}
