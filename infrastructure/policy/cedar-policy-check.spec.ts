import { checkCedarPolicies } from './cedar-policy-check';

describe('checkCedarPolicies', () => {
  it('accepts an empty policy set, or one of comments only (the default decision then applies)', () => {
    expect(checkCedarPolicies('')).toEqual([]);
    expect(checkCedarPolicies('// nothing decided here yet\n')).toEqual([]);
  });

  it('accepts policies over the whole model, free-form arguments and run metadata included', () => {
    const cedar = `
      @id("full") @reason("everything a policy can read") @decision("require_approval")
      permit (principal is Agent, action == Action::"call", resource == Tool::"deploy")
      when { principal.id like "ops-*" && resource.name == "deploy" && ["high", "critical"].contains(context.risk) }
      when { context.environment == "production" && context.run.tags.contains("release") && context.run.id != "" }
      when { context.arguments has force && context.arguments.force == true && !context.argumentsTruncated }
      when { context.argumentTypes has "replicas" && context.argumentTypes["replicas"] == "long" }
      when { context.run.metadata has team && context.run.metadata.team == "sre" };
      @decision("allow") permit (principal is User, action, resource);
      forbid (principal, action, resource) unless { context.run.name like "*" };`;
    expect(checkCedarPolicies(cedar)).toEqual([]);
  });

  it('reports a syntax error at its line and column', () => {
    expect(
      checkCedarPolicies(
        'permit (principal, action, resource);\nforbid (principal, action, resource)\n  when { context.risk == };',
      ),
    ).toEqual([
      {
        line: 3,
        column: 26,
        message: expect.stringMatching(/^syntax error: unexpected token `}`: expected .*string literal/),
      },
    ]);
  });

  it('counts columns in characters, not in the UTF-8 bytes Cedar reports', () => {
    const cedar = '@reason("café ☕ 𝄞") permit (principal, action, resource) when { context.risk = "x" };';
    const [problem] = checkCedarPolicies(cedar);
    // The error is at `context.risk = "x"`, 5 bytes further in UTF-8 (é 2 bytes, ☕ 3, 𝄞 4 in 2 characters).
    expect(problem).toMatchObject({ line: 1, column: cedar.indexOf('context.risk =') + 1 });
  });

  it('reports schema errors: unknown attributes, entity types and actions, and type mismatches', () => {
    const cedar = [
      '@id("typos")',
      'permit (principal, action, resource)',
      '  when { context.rsk == "high" && resource.name == 3 };',
      'forbid (principal, action == Action::"read", resource == Group::"x");',
    ].join('\n');
    expect(checkCedarPolicies(cedar)).toEqual([
      {
        line: 3,
        column: 10,
        message:
          'policy typos: attribute `rsk` in context for Action::"call" not found (did you mean `risk`?)',
      },
      {
        line: 3,
        column: 35,
        message: expect.stringMatching(/^policy typos: the types Long and String are not compatible/),
      },
      {
        line: 4,
        column: 30,
        message: expect.stringMatching(/^policy policy1: unrecognized action `Action::"read"`/),
      },
      {
        line: 4,
        column: 58,
        message: expect.stringMatching(/^policy policy1: unrecognized entity type `Group`/),
      },
    ]);
  });

  it('forgives only the free-form attributes their absence from the schema', () => {
    expect(
      checkCedarPolicies('permit (principal, action, resource) when { context.arguments.x == 1 };'),
    ).toEqual([]);
    expect(
      checkCedarPolicies('permit (principal, action, resource) when { context.argumentz.x == 1 };'),
    ).toEqual([
      expect.objectContaining({ message: expect.stringContaining('attribute `argumentz` in context') }),
    ]);
    expect(
      checkCedarPolicies('permit (principal, action, resource) when { context.run.metadatum == 1 };'),
    ).toEqual([expect.objectContaining({ message: expect.stringContaining('metadatum') })]);
  });

  it('rejects @decision values other than require_approval and allow, and @decision on a forbid', () => {
    const cedar = [
      '@id("a")',
      '  @decision("block") permit (principal, action, resource);',
      '@decision("require_approval") forbid (principal, action, resource);',
      '@decision permit (principal, action, resource);',
    ].join('\n');
    expect(checkCedarPolicies(cedar)).toEqual([
      { line: 2, column: 3, message: '@decision must be one of "require_approval", "allow"' },
      {
        line: 3,
        column: 1,
        message: 'a forbid policy always blocks: @decision applies to permit policies only',
      },
      { line: 4, column: 1, message: '@decision must be one of "require_approval", "allow"' },
    ]);
  });

  it('rejects duplicate and empty @id values', () => {
    const cedar =
      '@id("same") permit (principal, action, resource);\n// again\n@id("same") forbid (principal, action, resource);\n@id("") permit (principal, action, resource);';
    expect(checkCedarPolicies(cedar)).toEqual([
      { line: 3, column: 1, message: '@id("same") is used by another policy too; ids must be unique' },
      { line: 4, column: 1, message: '@id must not be empty' },
    ]);
  });

  it('rejects templates, which nothing links', () => {
    expect(
      checkCedarPolicies(
        'permit (principal, action, resource);\n\npermit (principal == ?principal, action, resource);',
      ),
    ).toEqual([
      {
        line: 3,
        column: 1,
        message: 'templates (?principal, ?resource) are not supported: write static policies',
      },
    ]);
  });

  it('survives text the bindings cannot serialise (lone surrogates)', () => {
    expect(
      checkCedarPolicies('permit (principal, action, resource) when { context.environment == "\uD800" };'),
    ).toEqual([]);
  });
});
