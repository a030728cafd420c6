import { type PolicyRequest } from '../ports/policy-engine.port';
import { ALL_CONTEXT, buildPolicyContext, contextNeedsOf } from './policy-context';

const request = (overrides: Partial<PolicyRequest> = {}): PolicyRequest => ({
  principal: { type: 'agent', id: 'a' },
  tool: 't',
  arguments: { amount: 5, note: 'x'.repeat(2000) },
  risk: 'high',
  environment: 'production',
  run: { id: 'r1', name: 'nightly', tags: ['a', 'b', 'a'], metadata: { team: 'sre', n: null } },
  ...overrides,
});

describe('buildPolicyContext', () => {
  it('builds every attribute of the schema from the request', () => {
    expect(buildPolicyContext(request())).toEqual({
      risk: 'high',
      environment: 'production',
      arguments: { amount: 5, note: 'x'.repeat(1000) },
      argumentsTruncated: true,
      argumentTypes: { amount: 'long', note: 'string' },
      run: { id: 'r1', name: 'nightly', tags: ['a', 'b'], metadata: { team: 'sre' } },
    });
  });

  it('fills what is unknown, so policies need no has-guards outside the free-form records', () => {
    expect(
      buildPolicyContext(request({ arguments: undefined, risk: null, environment: null, run: null })),
    ).toEqual({
      risk: 'unknown',
      environment: '',
      arguments: {},
      argumentsTruncated: false,
      argumentTypes: {},
      run: { id: '', name: '', tags: [], metadata: {} },
    });
  });

  it('leaves out the parts a policy set never reads', () => {
    const context = buildPolicyContext(request(), {
      arguments: false,
      argumentTypes: false,
      runMetadata: false,
    });
    expect(context).toEqual({
      risk: 'high',
      environment: 'production',
      run: { id: 'r1', name: 'nightly', tags: ['a', 'b'] },
    });
  });

  it('bounds and repairs the short texts', () => {
    const context = buildPolicyContext(
      request({
        environment: 'e'.repeat(500),
        run: { id: '\uD800', name: null, tags: Array.from({ length: 100 }, (_, i) => `t${i}`), metadata: {} },
      }),
    );
    expect(context.environment).toBe('e'.repeat(200));
    expect(context.run).toMatchObject({ id: '\uFFFD', name: '' });
    expect((context.run as { tags: string[] }).tags).toHaveLength(64);
  });
});

describe('contextNeedsOf', () => {
  it('keeps only the parts whose names the policy text spells', () => {
    expect(contextNeedsOf('permit (principal, action, resource);')).toEqual({
      arguments: false,
      argumentTypes: false,
      runMetadata: false,
    });
    expect(contextNeedsOf('when { context["arguments"].x == 1 }')).toEqual({
      arguments: true,
      argumentTypes: false,
      runMetadata: false,
    });
    expect(contextNeedsOf('when { context.argumentTypes has "x" && context.run.metadata.y == 1 }')).toEqual({
      arguments: false,
      argumentTypes: true,
      runMetadata: true,
    });
  });

  it('keeps everything when unicode escapes could spell a name in pieces', () => {
    expect(contextNeedsOf('when { context["argu\\u{6d}ents"].x == 1 }')).toEqual(ALL_CONTEXT);
  });
});
