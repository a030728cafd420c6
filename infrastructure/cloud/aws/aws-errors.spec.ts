import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  LimitExceededException,
} from '@aws-sdk/client-cost-explorer';
import { DescribeInstancesCommand, EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsCloudAdapter } from './aws-cloud.adapter';
import {
  ACCESS_KEY_ID,
  SECRET_ACCESS_KEY,
  SESSION_TOKEN,
  anAwsConnection,
  costExplorerError,
  ec2Error,
  metadata,
} from './aws-sdk.fake';

const ec2 = mockClient(EC2Client);
const ce = mockClient(CostExplorerClient);
const adapter = new AwsCloudAdapter();
const connection = anAwsConnection(['us-east-1'], { session_token: SESSION_TOKEN });
const ref = { externalId: 'i-0123456789abcdef0', region: 'us-east-1', type: 'vm' as const };

beforeEach(() => {
  ec2.reset();
  ce.reset();
});

async function stopFailingWith(error: unknown) {
  ec2.on(StopInstancesCommand).rejects(error as Error);
  const result = await adapter.act(connection, ref, 'stop');
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

const networkError = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
const timeout = Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' });

describe('AWS error mapping', () => {
  it.each([
    [
      'AuthFailure',
      ec2Error('AuthFailure', 401, 'AWS was not able to validate the provided access credentials'),
    ],
    [
      'UnauthorizedOperation',
      ec2Error(
        'UnauthorizedOperation',
        403,
        'You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/cockpit is not authorized to perform: ec2:StopInstances. Encoded authorization failure message: 4Lg0eXAMPLEblob',
      ),
    ],
    [
      'InvalidClientTokenId',
      ec2Error('InvalidClientTokenId', 401, 'The security token included in the request is invalid.'),
    ],
    [
      'SignatureDoesNotMatch',
      ec2Error(
        'SignatureDoesNotMatch',
        403,
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      ),
    ],
  ])('reports %s as rejected credentials', async (_code, error) => {
    const mapped = await stopFailingWith(error);
    expect([mapped.code, mapped.reason]).toEqual(['unprocessable', 'provider_auth_failed']);
    expect(mapped.message).toMatch(/^AWS rejected the credentials: /);
    expect(mapped.message).not.toMatch(/Encoded authorization failure/);
  });

  it('reports a missing instance as not found', async () => {
    const mapped = await stopFailingWith(
      ec2Error('InvalidInstanceID.NotFound', 400, "The instance ID 'i-0123456789abcdef0' does not exist"),
    );
    expect([mapped.code, mapped.reason]).toEqual(['not_found', 'provider_not_found']);
    expect(mapped.message).toContain('i-0123456789abcdef0');
  });

  it.each([
    [
      'IncorrectInstanceState',
      "The instance 'i-0123456789abcdef0' is not in a state from which it can be stopped.",
    ],
    [
      'OperationNotPermitted',
      "The instance 'i-0123456789abcdef0' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.",
    ],
  ])('reports %s as a conflict the provider raised', async (code, message) => {
    const mapped = await stopFailingWith(ec2Error(code, 400, message));
    expect([mapped.code, mapped.reason]).toEqual(['conflict', 'provider_rejected']);
  });

  it.each([
    ['EC2 throttling', ec2Error('RequestLimitExceeded', 503, 'Request limit exceeded.')],
    ['an EC2 internal error', ec2Error('InternalError', 500, 'An internal error has occurred')],
    ['an unknown 5xx', ec2Error('Unavailable', 502, 'Bad Gateway')],
    ['a refused connection', networkError],
    ['a timeout', timeout],
  ])('reports %s as the provider being unavailable', async (_what, error) => {
    const mapped = await stopFailingWith(error);
    expect([mapped.code, mapped.reason]).toEqual(['upstream', 'provider_unavailable']);
  });

  it('reports Cost Explorer throttling as the provider being unavailable', async () => {
    ce.on(GetCostAndUsageCommand).rejects(
      new LimitExceededException({
        $metadata: { ...metadata, httpStatusCode: 400 },
        message: 'Rate exceeded',
      }),
    );
    const result = await adapter.costs(connection, { from: '2025-03-01', to: '2025-03-02' });
    expect(result.ok ? null : [result.error.code, result.error.reason]).toEqual([
      'upstream',
      'provider_unavailable',
    ]);
  });

  it('reports an unrecognised Cost Explorer key as rejected credentials', async () => {
    ce.on(GetCostAndUsageCommand).rejects(
      costExplorerError(
        'UnrecognizedClientException',
        400,
        'The security token included in the request is invalid.',
      ),
    );
    const result = await adapter.costs(connection, { from: '2025-03-01', to: '2025-03-02' });
    expect(result.ok ? null : result.error.reason).toBe('provider_auth_failed');
  });

  it('reports other refused requests as rejected by the provider', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .rejects(ec2Error('InvalidParameterValue', 400, 'Invalid value for MaxResults'));
    const result = await adapter.listResources(connection, null);
    expect(result.ok ? null : [result.error.code, result.error.reason]).toEqual([
      'unprocessable',
      'provider_rejected',
    ]);
  });

  it.each([
    [
      'an auth failure',
      ec2Error('AuthFailure', 401, `credentials ${ACCESS_KEY_ID}:${SECRET_ACCESS_KEY} refused`),
    ],
    [
      'a signature mismatch',
      ec2Error('SignatureDoesNotMatch', 403, `string to sign used ${SECRET_ACCESS_KEY}`),
    ],
    ['a 5xx', ec2Error('InternalError', 500, `boom ${SESSION_TOKEN}`)],
    ['a client error', ec2Error('InvalidParameterValue', 400, `bad ${SECRET_ACCESS_KEY}`)],
    [
      'a network error',
      Object.assign(new Error(`socket hang up ${SECRET_ACCESS_KEY}`), { code: 'ECONNRESET' }),
    ],
    ['a non-SDK error', new Error(`unexpected ${SECRET_ACCESS_KEY} ${SESSION_TOKEN}`)],
  ])('never lets the secret key, session token or key id into the message of %s', async (_what, error) => {
    const mapped = await stopFailingWith(error);
    expect(mapped.message).not.toContain(SECRET_ACCESS_KEY);
    expect(mapped.message).not.toContain(SESSION_TOKEN);
    expect(mapped.message).not.toContain(ACCESS_KEY_ID);
    expect(JSON.stringify(mapped)).not.toContain(SECRET_ACCESS_KEY);
  });
});
