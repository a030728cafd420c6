/**
 * The Cedar model of a tool call, as policies see it (Cedar schema syntax):
 *
 *   principal  Agent::"<agent id>" or User::"<user id>", with the id again as `principal.id`
 *   action     Action::"call"
 *   resource   Tool::"<tool name>", with the name again as `resource.name` (for `like`)
 *   context    see domain/governance/policy/policy-context.ts
 *
 * `context.arguments`, `context.argumentTypes` and `context.run.metadata` are free-form records
 * whose keys vary from call to call. Cedar's validator only knows closed records (open ones need an
 * experimental feature this build lacks), so they are left out of the schema and `check` forgives
 * exactly the "attribute not found" errors about them: every other attribute, type and entity is
 * checked strictly.
 */
export const CEDAR_SCHEMA = `
entity Agent = { id: String };
entity User = { id: String };
entity Tool = { name: String };

action call appliesTo {
  principal: [Agent, User],
  resource: [Tool],
  context: {
    risk: String,
    environment: String,
    argumentsTruncated: Bool,
    run: { id: String, name: String, tags: Set<String> },
  }
};
`;

/** Context attributes that exist at run time but not in the schema (see above). */
export const OPEN_CONTEXT_ATTRIBUTES = ['arguments', 'argumentTypes', 'run.metadata'] as const;

/** Cedar's message for a read of a context attribute the schema does not declare. */
const UNDECLARED_CONTEXT_ATTRIBUTE = /attribute `([^`]+)` in context for Action::"call" not found/;

/** Whether a validation error is only Cedar not knowing a free-form attribute. */
export function isOpenAttributeError(message: string): boolean {
  const attribute = UNDECLARED_CONTEXT_ATTRIBUTE.exec(message)?.[1];
  return attribute !== undefined && (OPEN_CONTEXT_ATTRIBUTES as readonly string[]).includes(attribute);
}

export const CALL_ACTION = { type: 'Action', id: 'call' } as const;
