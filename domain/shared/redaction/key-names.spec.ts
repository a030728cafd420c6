import fc from 'fast-check';
import { KeyNames } from './key-names';
import { DEFAULT_REDACTION_RULES } from './rules';

const names = new KeyNames(DEFAULT_REDACTION_RULES.keys);

describe('KeyNames.normalize', () => {
  it.each([
    ['X-Api-Key', 'x_api_key'],
    ['apiKey', 'api_key'],
    ['APIKey', 'api_key'],
    ['API_KEY', 'api_key'],
    ['clientSecret', 'client_secret'],
    ['OAuthToken', 'o_auth_token'],
    ['getHTTPResponse', 'get_http_response'],
    ['  db password  ', 'db_password'],
    ['x-amz-security-token', 'x_amz_security_token'],
    ['inputTokens', 'input_tokens'],
    ['__proto__', 'proto'],
  ])('turns %j into %j', (key, normalized) => {
    expect(names.normalize(key)).toBe(normalized);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (key) => {
        const once = names.normalize(key);
        expect(names.normalize(once)).toBe(once);
      }),
    );
  });
});

describe('KeyNames.classify', () => {
  it.each([
    'authorization',
    'Authorization',
    'AUTHORIZATION',
    'Proxy-Authorization',
    'cookie',
    'Set-Cookie',
    'x-api-key',
    'X-API-KEY',
    'api-key',
    'apikey',
    'apiKey',
    'x-auth-token',
    'X-Amz-Security-Token',
    'password',
    'db_password',
    'passwd',
    'secret',
    'client_secret',
    'clientSecret',
    'aws_secret_access_key',
    'private_key',
    'privateKey',
    'access_token',
    'accessToken',
    'refresh_token',
    'id_token',
    'token',
    'csrf-token',
    'credentials',
    'credential',
    'passphrase',
  ])('treats %j as sensitive', (key) => {
    expect(names.classify(key)).toEqual({ sensitive: true, secretHint: true });
  });

  it.each([
    'input_tokens',
    'output_tokens',
    'max_tokens',
    'total_tokens',
    'token_count',
    'prompt_tokens',
    'completion_tokens',
    'inputTokens',
    'maxTokens',
    'TOTAL_TOKENS',
    'token_type',
    'cache_read_input_tokens',
    'tokenizer',
  ])('does not treat the token count or token word %j as a secret', (key) => {
    expect(names.classify(key)).toEqual({ sensitive: false, secretHint: false });
  });

  it.each([
    'key',
    'api_keys',
    'signature',
    'X-Hub-Signature-256',
    'sig',
    'auth',
    'hmac',
    'signing_key',
    'keys',
  ])('treats %j as key-like but not sensitive', (key) => {
    expect(names.classify(key)).toEqual({ sensitive: false, secretHint: true });
  });

  it.each([
    'content',
    'role',
    'author',
    'keyboard',
    'monkey',
    'design',
    'signal',
    'passenger',
    'secretary_name',
    'model',
    'url',
  ])('treats the ordinary name %j as plain', (key) => {
    expect(names.classify(key)).toEqual({ sensitive: false, secretHint: false });
  });

  it('treats text too long to be a name as plain', () => {
    expect(names.classify(`password ${'x'.repeat(200)}`)).toEqual({ sensitive: false, secretHint: false });
  });

  it('gives the same answer from its cache as on first sight, past the cache size', () => {
    const fresh = new KeyNames(DEFAULT_REDACTION_RULES.keys);
    const keys = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? `secret_${i}` : `field_${i}`));
    const first = keys.map((key) => fresh.classify(key).sensitive);
    expect(keys.map((key) => fresh.classify(key).sensitive)).toEqual(first);
    expect(first.filter(Boolean)).toHaveLength(Math.ceil(5000 / 3));
  });
});
