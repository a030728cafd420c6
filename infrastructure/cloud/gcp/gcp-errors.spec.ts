import { classifyGcpError, scrubSecrets, toDomainError } from './gcp-errors';

/** What google-gax raises on the gRPC transport: a GoogleError carrying a numeric status code. */
const grpcError = (code: number, message: string) => Object.assign(new Error(message), { code });
/** What the REST transport raises: a GaxiosError whose message is the raw JSON body. */
const restError = (status: number, body: unknown) =>
  Object.assign(new Error(JSON.stringify(body)), { status, code: status, response: { status } });

describe('classifyGcpError', () => {
  it.each([
    [16, 'auth'],
    [7, 'auth'],
    [5, 'not_found'],
    [9, 'conflict'],
    [10, 'conflict'],
    [6, 'conflict'],
    [3, 'rejected'],
    [14, 'unavailable'],
    [4, 'unavailable'],
    [8, 'unavailable'],
    [13, 'unavailable'],
  ])('sorts gRPC code %i as %s', (code, kind) => {
    expect(classifyGcpError(grpcError(code, 'boom')).kind).toBe(kind);
  });

  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not_found'],
    [409, 'conflict'],
    [400, 'rejected'],
    [429, 'unavailable'],
    [500, 'unavailable'],
    [502, 'unavailable'],
  ])('sorts HTTP %i as %s', (status, kind) => {
    expect(classifyGcpError(restError(status, { error: { code: status, message: 'x' } })).kind).toBe(kind);
  });

  it('treats a 400 resourceNotReady as a conflict, not a bad request', () => {
    const body = { error: { code: 400, message: 'busy', errors: [{ reason: 'resourceNotReady' }] } };

    expect(classifyGcpError(restError(400, body))).toEqual({ kind: 'conflict', detail: 'busy' });
  });

  it('treats a 403 rate limit as throttling, not as refused credentials', () => {
    const body = {
      error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ reason: 'rateLimitExceeded' }] },
    };

    expect(classifyGcpError(restError(403, body)).kind).toBe('unavailable');
  });

  it("treats the token endpoint's invalid_grant as refused credentials", () => {
    const error = Object.assign(new Error('invalid_grant: Invalid JWT Signature.'), {
      status: 400,
      response: {
        status: 400,
        data: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
      },
    });

    expect(classifyGcpError(error)).toEqual({
      kind: 'auth',
      detail: 'invalid_grant: Invalid JWT Signature.',
    });
  });

  it('treats network failures as an unreachable provider', () => {
    const error = Object.assign(new Error('request to https://compute.googleapis.com failed'), {
      code: 'ECONNREFUSED',
    });

    expect(classifyGcpError(error).kind).toBe('unavailable');
  });
});

describe('toDomainError', () => {
  it('never carries a stored secret, a PEM block or a bearer token into the message', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
    const error = grpcError(
      16,
      `bad key ${key} sent as Authorization: Bearer ya29.c.b0AXv0zTsecret and s3cr3t-value-here`,
    );

    const domain = toDomainError(error, [key, 's3cr3t-value-here']);

    expect(domain).toEqual(
      expect.objectContaining({ code: 'unprocessable', reason: 'provider_auth_failed' }),
    );
    expect(domain.message).not.toMatch(/MIIEvQ|ya29|s3cr3t/);
  });

  it('uses the message of the JSON body rather than the body itself', () => {
    const domain = toDomainError(
      restError(404, { error: { code: 404, message: 'The resource was not found' } }),
      [],
    );

    expect(domain).toEqual(
      expect.objectContaining({
        code: 'not_found',
        reason: 'provider_not_found',
        message: 'Google Cloud could not find it: The resource was not found',
      }),
    );
  });
});

describe('scrubSecrets', () => {
  it('cuts long provider messages to 300 characters', () => {
    expect(scrubSecrets('x'.repeat(1000), [])).toHaveLength(300);
  });
});
