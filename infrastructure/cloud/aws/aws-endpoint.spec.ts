import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { AwsCloudAdapter } from './aws-cloud.adapter';
import { SdkAwsClientFactory } from './aws-clients';
import { ACCESS_KEY_ID, ACCOUNT_ID, SECRET_ACCESS_KEY, anAwsConnection } from './aws-sdk.fake';

/**
 * A local stand-in for AWS that speaks the real wire formats (EC2 query/XML, Cost Explorer JSON
 * 1.1), reached through the `endpoint` credential: proves the override reaches both clients and
 * that the SDK's own deserialisation meets the adapter's mapping.
 */
interface Seen {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
let server: Server;
let endpoint: string;
let seen: Seen[] = [];
let answer: (request: Seen) => { status: number; type: string; body: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      const { status, type, body } = answer(request);
      res.writeHead(status, {
        'content-type': type,
        'x-amzn-requestid': 'b1c2d3e4-0000-4000-8000-000000000001',
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
});

const adapter = new AwsCloudAdapter(new SdkAwsClientFactory({ maxAttempts: 1 }));
const connection = () => anAwsConnection(['eu-west-1'], { endpoint });
const xml = (body: string, status = 200) => ({ status, type: 'text/xml;charset=UTF-8', body });

describe('AwsCloudAdapter over the wire', () => {
  it('reads regions and the account from an EC2-compatible endpoint, signing with the key id only', async () => {
    answer = ({ body }) =>
      body.includes('Action=DescribeRegions')
        ? xml(`<DescribeRegionsResponse xmlns="${EC2_NS}"><requestId>r-1</requestId><regionInfo>
            <item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>
            <item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>
          </regionInfo></DescribeRegionsResponse>`)
        : xml(`<DescribeSecurityGroupsResponse xmlns="${EC2_NS}"><requestId>r-2</requestId><securityGroupInfo>
            <item><ownerId>${ACCOUNT_ID}</ownerId><groupId>sg-0a1b2c3d</groupId><groupName>default</groupName>
            <groupDescription>default VPC security group</groupDescription><vpcId>vpc-0a1b2c3d</vpcId>
            <ipPermissions/><ipPermissionsEgress/></item>
          </securityGroupInfo></DescribeSecurityGroupsResponse>`);

    const info = await adapter.testConnection(connection());

    expect(info).toEqual({ ok: true, value: { account: ACCOUNT_ID, regions: ['eu-west-1', 'us-east-1'] } });
    expect(seen.map((s) => /Action=(\w+)/.exec(s.body)?.[1])).toEqual([
      'DescribeRegions',
      'DescribeSecurityGroups',
    ]);
    expect(seen[1].body).toContain('MaxResults=5');
    expect(String(seen[0].headers.authorization)).toContain(`Credential=${ACCESS_KEY_ID}/`);
    expect(String(seen[0].headers.authorization)).toContain('/eu-west-1/ec2/aws4_request');
    expect(JSON.stringify(seen)).not.toContain(SECRET_ACCESS_KEY);
  });

  it('maps an AuthFailure answer to rejected credentials with no secret in the message', async () => {
    answer = () =>
      xml(
        `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the provided access credentials</Message></Error></Errors><RequestID>c0ffee00-0000-4000-8000-000000000002</RequestID></Response>`,
        401,
      );
    const result = await adapter.listResources(connection(), null);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'unprocessable', reason: 'provider_auth_failed' });
    expect(result.error.message).toBe(
      'AWS rejected the credentials: AWS was not able to validate the provided access credentials (AuthFailure)',
    );
  });

  it('reads daily costs from a Cost Explorer-compatible endpoint', async () => {
    answer = () => ({
      status: 200,
      type: 'application/x-amz-json-1.1',
      body: JSON.stringify({
        GroupDefinitions: [
          { Type: 'DIMENSION', Key: 'SERVICE' },
          { Type: 'DIMENSION', Key: 'REGION' },
        ],
        ResultsByTime: [
          {
            TimePeriod: { Start: '2025-03-01', End: '2025-03-02' },
            Total: {},
            Groups: [
              {
                Keys: ['Amazon Elastic Compute Cloud - Compute', 'eu-west-1'],
                Metrics: { UnblendedCost: { Amount: '4.2000000001', Unit: 'USD' } },
              },
            ],
            Estimated: false,
          },
        ],
        DimensionValueAttributes: [],
      }),
    });

    const result = await adapter.costs(connection(), { from: '2025-03-01', to: '2025-03-02' });

    expect(result).toEqual({
      ok: true,
      value: [
        {
          day: '2025-03-01',
          service: 'Amazon Elastic Compute Cloud - Compute',
          region: 'eu-west-1',
          externalId: null,
          amountUsd: 4.2000000001,
          estimated: false,
        },
      ],
    });
    expect(seen[0].headers['x-amz-target']).toBe('AWSInsightsIndexService.GetCostAndUsage');
    expect(String(seen[0].headers.authorization)).toContain('/us-east-1/ce/aws4_request');
    expect(JSON.parse(seen[0].body)).toMatchObject({
      TimePeriod: { Start: '2025-03-01', End: '2025-03-02' },
      Granularity: 'DAILY',
    });
  });
});
