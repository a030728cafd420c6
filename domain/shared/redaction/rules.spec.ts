import { Redactor } from './redactor';

/** The default rules, judged on strings: each kind of secret is found, and ordinary content is not. */
const redactor = new Redactor((value) => `#${value}`);

function redactText(text: string): { text: string; found: [string, string][] } {
  const { value, marks } = redactor.redact(text);
  return { text: value as string, found: marks.map((mark) => [mark.type, mark.hash.slice(1)]) };
}

describe('default rules: secrets inside strings', () => {
  it.each([
    ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE', 'aws_access_key'],
    ['an AWS session key id', 'ASIAY34FZKBOKMUTVV7A', 'aws_access_key'],
    ['a GitHub personal token', `ghp_${'a1B2'.repeat(9)}`, 'github_token'],
    ['a GitHub OAuth token', `gho_${'Zz09'.repeat(9)}`, 'github_token'],
    ['a GitHub server token', `ghs_${'Q'.repeat(36)}`, 'github_token'],
    ['a fine-grained GitHub token', `github_pat_11ABCDEFG0${'x_Y1'.repeat(15)}`, 'github_token'],
    ['a Slack bot token', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'slack_token'],
    ['a Slack user token', 'xoxp-1234567890-abcdefghij', 'slack_token'],
    ['a legacy OpenAI key', `sk-${'A1b2C3d4'.repeat(6)}`, 'openai_key'],
    ['an OpenAI project key', `sk-proj-${'aB3_dE6-'.repeat(10)}`, 'openai_key'],
    ['an Anthropic key', `sk-ant-api03-${'Xy9_Zw8-'.repeat(11)}AA`, 'anthropic_key'],
    ['a Google API key', 'AIzaSyA1234567890abcdefghijklmnopqrstuv', 'google_api_key'],
    ['a Stripe live secret key', `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`, 'stripe_key'],
    ['a Stripe test secret key', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'stripe_key'],
    ['a Stripe restricted key', 'rk_live_51H8abcdefGHIJKLmnop', 'stripe_key'],
    [
      'a JWT',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'jwt',
    ],
    ['a Cockpit API key', `ck_${'Ab1Cd2Ef3Gh4'}_${'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp'}`, 'cockpit_api_key'],
    ['a Cockpit refresh token', `crt_${'a1B2c3D4e5'.repeat(4)}xyz`, 'cockpit_token'],
    ['a Cockpit invite token', `cki_${'Q9w8E7r6T5'.repeat(4)}`, 'cockpit_token'],
    ['an email address', 'dana.lee+ops@example.co.uk', 'email'],
    ['an E.164 phone number', '+14155552671', 'phone'],
    ['a NANP phone number in parentheses', '(415) 555-2671', 'phone'],
    ['a dashed NANP phone number', '415-555-2671', 'phone'],
    ['a dotted NANP phone number', '415.555.2671', 'phone'],
    ['a NANP number with country code', '+1 415-555-2671', 'phone'],
    ['a Visa card', '4111111111111111', 'credit_card'],
    ['a spaced Mastercard', '5500 0000 0000 0004', 'credit_card'],
    ['a dashed Amex card', '3782-822463-10005', 'credit_card'],
    ['a compact IBAN', 'DE89370400440532013000', 'iban'],
    ['a spaced IBAN', 'GB82 WEST 1234 5698 7654 32', 'iban'],
    ['a US SSN', '123-45-6789', 'ssn'],
    ['an IPv4 address', '192.168.10.254', 'ip_address'],
    ['a full IPv6 address', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'ip_address'],
    ['a compressed IPv6 address', '2001:db8::8a2e:370:7334', 'ip_address'],
    ['the IPv6 loopback', '::1', 'ip_address'],
    ['an IPv4-mapped IPv6 address', '::ffff:10.0.0.1', 'ip_address'],
  ])('finds %s inside text, keeping the text around it', (_label, secret, type) => {
    expect(redactText(`before ${secret} after.`)).toEqual({
      text: `before [REDACTED:${type}] after.`,
      found: [[type, secret]],
    });
  });

  it.each([
    ['an RSA key', 'RSA PRIVATE KEY'],
    ['a PKCS#8 key', 'PRIVATE KEY'],
    ['an encrypted key', 'ENCRYPTED PRIVATE KEY'],
    ['an OpenSSH key', 'OPENSSH PRIVATE KEY'],
    ['a PGP key block', 'PGP PRIVATE KEY BLOCK'],
  ])('replaces a whole multi-line PEM block of %s', (_label, label) => {
    const pem = `-----BEGIN ${label}-----\nMIIEowIBAAKCAQEA7\nq8Zx+/=\n-----END ${label}-----`;
    expect(redactText(`key:\n${pem}\ndone`)).toEqual({
      text: 'key:\n[REDACTED:private_key]\ndone',
      found: [['private_key', pem]],
    });
  });

  it('replaces a truncated PEM block up to where its base64 stops', () => {
    const text = 'log: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\nkqhkiG9w0B ...truncated';
    expect(redactText(text).text).toBe('log: [REDACTED:private_key]...truncated');
  });

  it.each([
    [
      'a Bearer token, keeping the word',
      'Authorization: Bearer abcdef0123456789ABCDEF',
      'Authorization: Bearer [REDACTED:bearer_token]',
    ],
    ['a lower-case bearer token', 'bearer abcdef0123456789ABCDEF.x', 'bearer [REDACTED:bearer_token]'],
    [
      'only the password of a connection string',
      'postgres://app:s3cr3t-Pa55@db.internal:5432/orders',
      'postgres://app:[REDACTED:password]@db.internal:5432/orders',
    ],
    [
      'a password that contains an unencoded @',
      'redis://default:p@ss@cache:6379',
      'redis://default:[REDACTED:password]@cache:6379',
    ],
    [
      'a password with an empty user',
      'redis://:hunter2@cache:6379/0',
      'redis://:[REDACTED:password]@cache:6379/0',
    ],
    [
      'query parameters that hold secrets',
      'https://x.test/cb?user=7&access_token=abc123&api_key=k-9&page=2',
      'https://x.test/cb?user=7&access_token=[REDACTED:credential]&api_key=[REDACTED:credential]&page=2',
    ],
    ['a value that starts with a bracket', 'password=[hunter2]', 'password=[REDACTED:credential]'],
    [
      'env-style assignments',
      'DB_PASSWORD=hunter2 SECRET=xyz',
      'DB_PASSWORD=[REDACTED:credential] SECRET=[REDACTED:credential]',
    ],
    [
      'secrets in JSON held in a string',
      '{"user":"ann","password":"p\\"w","headers":{"Authorization":"Basic dXNlcjpwYXNz"}}',
      '{"user":"ann","password":"[REDACTED:credential]","headers":{"Authorization":"[REDACTED:credential]"}}',
    ],
    [
      'secrets in a Python dict repr',
      "{'api_key': 'abc', 'model': 'gpt'}",
      "{'api_key': '[REDACTED:credential]', 'model': 'gpt'}",
    ],
    [
      'a presigned URL signature',
      'https://b.s3.amazonaws.com/f.csv?X-Amz-Signature=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b&X-Amz-Expires=300',
      'https://b.s3.amazonaws.com/f.csv?X-Amz-Signature=[REDACTED:secret]&X-Amz-Expires=300',
    ],
    [
      'an Azure SAS signature',
      'https://a.blob.core.windows.net/c?sv=2022&sig=Jq3%2BkV9xZ0pL8mQ2rT5wY7bN1cF4hD6g%3D',
      'https://a.blob.core.windows.net/c?sv=2022&sig=[REDACTED:secret]',
    ],
  ])('replaces %s', (_label, text, expected) => {
    expect(redactText(text).text).toBe(expected);
  });

  it('finds several secrets in one string, in order', () => {
    const { text, found } = redactText('mail a@b.io, then b@c.io from 10.0.0.1');
    expect(text).toBe('mail [REDACTED:email], then [REDACTED:email] from [REDACTED:ip_address]');
    expect(found).toEqual([
      ['email', 'a@b.io'],
      ['email', 'b@c.io'],
      ['ip_address', '10.0.0.1'],
    ]);
  });
});

describe('default rules: ordinary content passes through unchanged', () => {
  it.each([
    ['an ISO timestamp', '2024-05-14T09:21:33.123Z'],
    ['a timestamp with offset', '2024-05-14 09:21:33+02:00'],
    ['a time of day', 'at 10:30:00 sharp'],
    ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['an all-digit UUID', '12345678-1234-1234-1234-123456789012'],
    ['a semantic version', 'v2.4.1 and 1.2.3-beta.4'],
    ['a four-part version with a prefix', 'Chrome/120.0.6099.109 and v1.2.3.4'],
    ['a five-part version', '1.2.3.4.5'],
    ['small numbers and prices', 'total $1,249.99 for 3 items, 12.5% off, 1e6 ops'],
    ['a millisecond timestamp', '1715678493123'],
    ['a snowflake id', '1234567890123456789'],
    ['a long order number that fails Luhn', '4111111111111112'],
    ['an invalid SSN area', '000-12-3456 and 666-12-3456 and 912-34-5678'],
    ['an IBAN with a bad checksum', 'DE88370400440532013000'],
    ['a git commit hash', '3b95b66f905ae631b74e7e5a9f2c91d54b2d1c3a'],
    ['a MAC address', '00:1a:2b:3c:4d:5e'],
    ['C++ and Rust paths', 'std::vector<int> and Add::new() and u8::MAX and Foo::Bar'],
    ['an SSH git remote', 'git@github.com:acme/cockpit.git'],
    ['a URL without credentials', 'https://api.example.com:8443/v1/orders?page=2&sort=desc#top'],
    ['prose about tokens', 'Send a Bearer token in the header; the token budget is 4096 tokens.'],
    ['scikit-learn style names', 'pip install sk-learn-tutorial and task-management'],
    ['code that assigns a token', 'const token = await getToken(); if (password === undefined) throw err;'],
    ['a token count in a query', '?max_tokens=1024&temperature=0.2'],
    ['a phone-like id without separators', 'order 4155552671 shipped'],
    ['a short number after a plus', 'score +1500 and +12'],
    ['an npm package with a version', 'lodash@4.17.21 and @types/node@20.19.43'],
    ['a decorator', '@app.route("/v1") and @Injectable()'],
    ['a file path', '/var/lib/cockpit/data/2024/05/14/run-42.jsonl'],
    ['a Windows path', 'C:\\Users\\ann\\AppData\\Local\\Temp'],
    ['Markdown', '## Results\n- item one\n- item two\n\n| a | b |\n|---|---|'],
    ['an empty string', ''],
    ['non-ASCII text', 'Grüße aus Köln — 東京 🚀'],
  ])('leaves %s alone', (_label, text) => {
    expect(redactText(text)).toEqual({ text, found: [] });
  });
});
