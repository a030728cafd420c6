import fc from 'fast-check';
import { MASK, isSensitiveKey, maskSensitive, maskString } from './mask-sensitive';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiIxMjMiLCJzaWQiOiI0NTYifQ.c2lnbmF0dXJlc2lnbmF0dXJlc2ln';
const API_KEY = 'ck_AbCdEfGhIjKl_0123456789abcdefghijABCDEFGHIJKL';

describe('log masking', () => {
  it.each([
    ['a bearer header value', `Bearer ${JWT}`, JWT],
    ['a bare JWT in a message', `token was ${JWT} today`, JWT],
    ['the secret part of an API key', `key ${API_KEY}`, '0123456789abcdefghijABCDEFGHIJ'],
    ['a refresh token', 'crt_abcdefghijklmnopqrstuvwxyzABCDEFGH', 'abcdefghijklmnopqrstuvwxyzABCDEFGH'],
    ['a token in a query string', '/v1/ws?token=s3cr3t-value&x=1', 's3cr3t-value'],
    ['an api_key in a query string', '/mcp?api_key=abc123def', 'abc123def'],
    ['a password in a connection string', 'postgres://app:hunter2hunter2@db:5432/x', 'hunter2hunter2'],
    ['basic credentials', 'Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA=='],
  ])('masks %s', (_label, input, secret) => {
    const masked = maskString(input);
    expect(masked).not.toContain(secret);
    expect(masked).toContain(MASK);
  });

  it('keeps the public prefix of an API key so the key can still be identified', () => {
    expect(maskString(API_KEY)).toBe(`ck_AbCdEfGhIjKl_${MASK}`);
  });

  it.each([
    'authorization',
    'Cookie',
    'set-cookie',
    'x-api-key',
    'password',
    'admin_password',
    'refresh_token',
    'access_token',
    'decision_token',
    'client_secret',
    'credentials',
    'private_key',
    'X-Auth-Token',
  ])('treats the %s key as sensitive', (key) => expect(isSensitiveKey(key)).toBe(true));

  it.each(['input_tokens', 'output_tokens', 'token_type', 'max_tokens', 'email', 'name', 'url'])(
    'leaves the %s key alone',
    (key) => expect(isSensitiveKey(key)).toBe(false),
  );

  it('masks sensitive keys at any depth, in arrays too, without touching the input', () => {
    const input = { a: { b: [{ password: 'pw-123456789', keep: 'visible' }] }, headers: { cookie: 'sid=1' } };
    const output = maskSensitive(input) as typeof input;
    expect(output.a.b[0]).toEqual({ password: MASK, keep: 'visible' });
    expect(output.headers.cookie).toBe(MASK);
    expect(input.a.b[0]!.password).toBe('pw-123456789');
  });

  it('masks error messages and stacks', () => {
    const masked = maskSensitive(new Error(`failed with ${JWT}`)) as { message: string; stack: string };
    expect(masked.message).not.toContain(JWT);
    expect(masked.stack).not.toContain(JWT);
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(() => maskSensitive(a)).not.toThrow();
  });

  it('never lets a generated secret through under a sensitive key (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('password', 'authorization', 'x-api-key', 'refresh_token', 'cookie'),
        fc.string({ minLength: 1 }),
        (key, secret) => {
          const out = JSON.stringify(maskSensitive({ nested: { [key]: secret } }));
          return JSON.parse(out).nested[key] === MASK;
        },
      ),
    );
  });
});
