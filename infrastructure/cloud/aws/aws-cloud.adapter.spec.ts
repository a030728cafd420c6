import {
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsCloudAdapter } from './aws-cloud.adapter';
import {
  ACCOUNT_ID,
  ACCESS_KEY_ID,
  SECRET_ACCESS_KEY,
  SESSION_TOKEN,
  aSecurityGroup,
  anAwsConnection,
  anInstance,
  metadata,
  regionsAnswer,
  unwrap,
} from './aws-sdk.fake';

const ec2 = mockClient(EC2Client);
const adapter = new AwsCloudAdapter();

beforeEach(() => {
  ec2.reset();
  ec2.on(DescribeSecurityGroupsCommand).resolves({ $metadata: metadata, SecurityGroups: [] });
});

describe('AwsCloudAdapter.testConnection', () => {
  it('names the account that owns the security groups and lists the enabled regions, sorted', async () => {
    ec2.on(DescribeRegionsCommand).resolves(regionsAnswer);
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolves({ $metadata: metadata, SecurityGroups: [aSecurityGroup('sg-0a1b2c3d')] });

    const info = unwrap(await adapter.testConnection(anAwsConnection(['eu-west-1'])));

    expect(info).toEqual({ account: ACCOUNT_ID, regions: ['eu-west-1', 'us-east-1'] });
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0].args[0].input).toEqual({ MaxResults: 5 });
  });

  it('says the account is unknown when the region has no security group to read it from', async () => {
    ec2.on(DescribeRegionsCommand).resolves(regionsAnswer);
    expect(unwrap(await adapter.testConnection(anAwsConnection())).account).toBe('unknown');
  });

  it('hands the SDK the connection credentials, session token included, and the first chosen region', async () => {
    let seen: { region: string; accessKeyId: string; secretAccessKey: string; sessionToken?: string } | null =
      null;
    ec2.on(DescribeRegionsCommand).callsFake(async (_input, getClient) => {
      const config = getClient().config;
      seen = { region: await config.region(), ...(await config.credentials()) };
      return regionsAnswer;
    });
    await adapter.testConnection(anAwsConnection(['ap-southeast-2'], { session_token: SESSION_TOKEN }));
    expect(seen).toMatchObject({
      region: 'ap-southeast-2',
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      sessionToken: SESSION_TOKEN,
    });
  });
});

describe('AwsCloudAdapter.create', () => {
  it('refuses a VM without an AMI before calling AWS', async () => {
    const result = await adapter.create(anAwsConnection(), {
      name: 'web-1',
      region: 'us-east-1',
      type: 'vm',
      size: 't3.micro',
      tags: {},
    });
    expect(result.ok ? null : [result.error.code, result.error.message]).toEqual([
      'validation',
      'image (an AMI id) is required for AWS',
    ]);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('launches one instance in the spec region with the Name tag and the tags, and maps it', async () => {
    let region = '';
    ec2.on(RunInstancesCommand).callsFake(async (input, getClient) => {
      region = await getClient().config.region();
      return {
        $metadata: metadata,
        ReservationId: 'r-0a1b2c3d4e5f60718',
        OwnerId: ACCOUNT_ID,
        Groups: [],
        Instances: [
          anInstance('i-0a1b2c3d4e5f60718', {
            state: 'pending',
            InstanceType: input.InstanceType,
            Tags: input.TagSpecifications[0].Tags,
          }),
        ],
      };
    });

    const created = unwrap(
      await adapter.create(anAwsConnection(['us-east-1']), {
        name: 'web-1',
        region: 'eu-central-1',
        type: 'vm',
        size: 't3.small',
        image: 'ami-0a1b2c3d4e5f60718',
        tags: { env: 'dev', Name: 'ignored' },
      }),
    );

    expect(region).toBe('eu-central-1');
    const tags = [
      { Key: 'Name', Value: 'web-1' },
      { Key: 'env', Value: 'dev' },
    ];
    const input = ec2.commandCalls(RunInstancesCommand)[0].args[0].input;
    expect(input).toEqual({
      ImageId: 'ami-0a1b2c3d4e5f60718',
      InstanceType: 't3.small',
      MinCount: 1,
      MaxCount: 1,
      ClientToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
      TagSpecifications: [
        { ResourceType: 'instance', Tags: tags },
        { ResourceType: 'volume', Tags: tags },
      ],
    });
    expect(created).toMatchObject({
      externalId: 'i-0a1b2c3d4e5f60718',
      name: 'web-1',
      region: 'eu-central-1',
      size: 't3.small',
      state: 'pending',
      providerState: 'pending',
      tags: { Name: 'web-1', env: 'dev' },
    });
  });
});

describe('AwsCloudAdapter.act', () => {
  const ref = { externalId: 'i-0123456789abcdef0', region: 'eu-west-1', type: 'vm' as const };
  const change = (previous: string, current: string) => [
    {
      InstanceId: ref.externalId,
      PreviousState: { Code: 0, Name: previous as 'running' },
      CurrentState: { Code: 0, Name: current as 'running' },
    },
  ];

  it('starts with StartInstances and reports the pending state EC2 answers with', async () => {
    ec2
      .on(StartInstancesCommand)
      .resolves({ $metadata: metadata, StartingInstances: change('stopped', 'pending') });
    expect(unwrap(await adapter.act(anAwsConnection(), ref, 'start'))).toEqual({
      state: 'pending',
      providerState: 'pending',
    });
    expect(ec2.commandCalls(StartInstancesCommand)[0].args[0].input).toEqual({
      InstanceIds: [ref.externalId],
    });
  });

  it('stops with StopInstances, reading stopping as heading to stopped', async () => {
    ec2
      .on(StopInstancesCommand)
      .resolves({ $metadata: metadata, StoppingInstances: change('running', 'stopping') });
    expect(unwrap(await adapter.act(anAwsConnection(), ref, 'stop'))).toEqual({
      state: 'stopped',
      providerState: 'stopping',
    });
    expect(ec2.commandCalls(StopInstancesCommand)[0].args[0].input).toEqual({
      InstanceIds: [ref.externalId],
    });
  });

  it('terminates with TerminateInstances in the resource region', async () => {
    let region = '';
    ec2.on(TerminateInstancesCommand).callsFake(async (_input, getClient) => {
      region = await getClient().config.region();
      return { $metadata: metadata, TerminatingInstances: change('running', 'shutting-down') };
    });
    expect(unwrap(await adapter.act(anAwsConnection(), ref, 'terminate'))).toEqual({
      state: 'terminated',
      providerState: 'shutting-down',
    });
    expect(ec2.commandCalls(TerminateInstancesCommand)[0].args[0].input).toEqual({
      InstanceIds: [ref.externalId],
    });
    expect(region).toBe('eu-west-1');
  });

  it('refuses a resource that is not an EC2 instance without calling AWS', async () => {
    const bucket = await adapter.act(anAwsConnection(), { ...ref, type: 'bucket' }, 'terminate');
    const malformed = await adapter.act(anAwsConnection(), { ...ref, externalId: 'vm-1' }, 'stop');
    expect([bucket, malformed].map((r) => (r.ok ? null : r.error.code))).toEqual([
      'validation',
      'validation',
    ]);
    expect(ec2.calls()).toHaveLength(0);
  });
});
