import { credentialFrom } from './credentials';

describe('credentialFrom', () => {
  it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('reads a %s authorization header', (scheme) => {
    expect(credentialFrom({ authorization: `${scheme} tok.en-1` })).toBe('tok.en-1');
  });

  it('tolerates extra whitespace around the token', () => {
    expect(credentialFrom({ authorization: 'Bearer \t tok  ' })).toBe('tok');
  });

  it('reads an X-Api-Key header, trimmed', () => {
    expect(credentialFrom({ 'x-api-key': '  ck_key  ' })).toBe('ck_key');
  });

  it('prefers the bearer token over an X-Api-Key header', () => {
    expect(credentialFrom({ authorization: 'Bearer from-auth', 'x-api-key': 'from-key' })).toBe('from-auth');
  });

  it('falls back to X-Api-Key when the authorization header is not a bearer token', () => {
    expect(credentialFrom({ authorization: 'Basic dXNlcjpwYXNz', 'x-api-key': 'from-key' })).toBe('from-key');
  });

  it.each([
    ['no headers', {}],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a scheme with no token', { authorization: 'Bearer' }],
    ['a scheme with a blank token', { authorization: 'Bearer   ' }],
    ['a token with a space inside', { authorization: 'Bearer two words' }],
    ['a scheme glued to the token', { authorization: 'Bearertok' }],
    ['a bare token', { authorization: 'tok' }],
    ['a blank X-Api-Key', { 'x-api-key': '   ' }],
    ['repeated headers', { authorization: ['Bearer a', 'Bearer b'], 'x-api-key': ['k1', 'k2'] }],
    ['undefined headers', { authorization: undefined, 'x-api-key': undefined }],
  ])('finds no credential in %s', (_label, headers) => {
    expect(credentialFrom(headers)).toBeNull();
  });
});
