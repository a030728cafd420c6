import {
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { type ResourcePage } from '../../../domain/cloud/ports/cloud.port';
import { AwsCloudAdapter } from './aws-cloud.adapter';
import {
  ACCOUNT_ID,
  aReservation,
  aSecurityGroup,
  aVolume,
  anAwsConnection,
  anInstance,
  byRegion,
  metadata,
  regionsAnswer,
  unwrap,
} from './aws-sdk.fake';

const ec2 = mockClient(EC2Client);
const adapter = new AwsCloudAdapter();

beforeEach(() => {
  ec2.reset();
  ec2.on(DescribeSecurityGroupsCommand).resolves({ $metadata: metadata, SecurityGroups: [] });
  ec2.on(DescribeVolumesCommand).resolves({ $metadata: metadata, Volumes: [] });
});

describe('AwsCloudAdapter.listResources', () => {
  it('walks two regions and two pages, folding the region and NextToken into its page token', async () => {
    ec2.on(DescribeInstancesCommand).callsFake(
      byRegion({
        'us-east-1': (input) =>
          input.NextToken === 'eyJ2IjoyLCJjIjoi'
            ? { $metadata: metadata, Reservations: [aReservation([anInstance('i-0000000000000b002')])] }
            : {
                $metadata: metadata,
                Reservations: [aReservation([anInstance('i-0000000000000a001')])],
                NextToken: 'eyJ2IjoyLCJjIjoi',
              },
        'eu-west-1': () => ({
          $metadata: metadata,
          Reservations: [aReservation([anInstance('i-0000000000000c003')])],
        }),
      }),
    );
    const connection = anAwsConnection(['us-east-1', 'eu-west-1']);

    const seen: string[][] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const page: ResourcePage = unwrap(await adapter.listResources(connection, token));
      seen.push(page.items.map((i) => `${i.region}/${i.externalId}`));
      token = page.nextPageToken;
      pages += 1;
    } while (token !== null && pages < 10);

    expect(seen).toEqual([
      ['us-east-1/i-0000000000000a001'],
      ['us-east-1/i-0000000000000b002'],
      ['eu-west-1/i-0000000000000c003'],
    ]);
    const inputs = ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input);
    expect(inputs).toEqual([
      { MaxResults: 100 },
      { MaxResults: 100, NextToken: 'eyJ2IjoyLCJjIjoi' },
      { MaxResults: 100 },
    ]);
  });

  it('walks every enabled region when none was chosen, skipping empty ones within one call', async () => {
    ec2.on(DescribeRegionsCommand).resolves(regionsAnswer);
    ec2.on(DescribeInstancesCommand).callsFake(
      byRegion({
        'eu-west-1': () => ({ $metadata: metadata, Reservations: [] }),
        'us-east-1': () => ({
          $metadata: metadata,
          Reservations: [aReservation([anInstance('i-0123456789abcdef0')])],
        }),
      }),
    );
    const page = unwrap(await adapter.listResources(anAwsConnection(), null));
    expect(page.items.map((i) => [i.region, i.externalId])).toEqual([['us-east-1', 'i-0123456789abcdef0']]);
    expect(page.nextPageToken).toBeNull();
    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(2);
  });

  it.each([
    ['pending', 'pending'],
    ['running', 'running'],
    ['stopping', 'stopped'],
    ['stopped', 'stopped'],
    ['shutting-down', 'terminated'],
    ['terminated', 'terminated'],
  ])('maps the EC2 state %s to %s and keeps the provider word', async (providerState, state) => {
    ec2.on(DescribeInstancesCommand).resolves({
      $metadata: metadata,
      Reservations: [aReservation([anInstance('i-0123456789abcdef0', { state: providerState })])],
    });
    const [item] = unwrap(await adapter.listResources(anAwsConnection(['us-east-1']), null)).items;
    expect({ state: item.state, providerState: item.providerState }).toEqual({ state, providerState });
  });

  it('maps name, size, tags, public IP, CPUs and creation time, and leaves the price to the inventory', async () => {
    const launchedLater = new Date('2025-01-10T08:00:00.000Z');
    ec2.on(DescribeInstancesCommand).resolves({
      $metadata: metadata,
      Reservations: [
        aReservation([
          anInstance('i-0123456789abcdef0', {
            tags: { Name: 'api-1', team: 'core' },
            InstanceType: 'm5.xlarge',
            PublicIpAddress: '54.210.167.204',
            CpuOptions: { CoreCount: 2, ThreadsPerCore: 2 },
            LaunchTime: launchedLater,
          }),
          anInstance('i-0fedcba9876543210', { tags: {} }),
        ]),
      ],
    });
    const [named, unnamed] = unwrap(await adapter.listResources(anAwsConnection(['us-east-1']), null)).items;
    expect(named).toMatchObject({
      externalId: 'i-0123456789abcdef0',
      name: 'api-1',
      type: 'vm',
      size: 'm5.xlarge',
      tags: { Name: 'api-1', team: 'core' },
      costPerHour: null,
      config: { publicIp: '54.210.167.204', cpus: 4, image: 'ami-0c55b159cbfafe1f0' },
      // The network interface was attached at the first launch; LaunchTime is the latest start.
      createdAt: new Date('2024-05-02T09:15:42.000Z'),
    });
    expect(unnamed).toMatchObject({ name: 'i-0fedcba9876543210', config: { publicIp: null } });
  });

  it('flattens the ingress of every security group on the page, looked up once with a filter', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      $metadata: metadata,
      Reservations: [
        aReservation([
          anInstance('i-0123456789abcdef0', { groups: ['sg-0aaa1111', 'sg-0bbb2222'] }),
          anInstance('i-0fedcba9876543210', { groups: ['sg-0bbb2222'] }),
        ]),
      ],
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      $metadata: metadata,
      SecurityGroups: [
        aSecurityGroup('sg-0aaa1111', [
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ssh' }],
            Ipv6Ranges: [{ CidrIpv6: '::/0' }],
            PrefixListIds: [],
            UserIdGroupPairs: [],
          },
          {
            IpProtocol: 'tcp',
            FromPort: 8000,
            ToPort: 8100,
            IpRanges: [],
            Ipv6Ranges: [],
            PrefixListIds: [{ PrefixListId: 'pl-63a5400a' }],
            UserIdGroupPairs: [{ GroupId: 'sg-0ccc3333', UserId: ACCOUNT_ID }],
          },
        ]),
        aSecurityGroup('sg-0bbb2222', [
          {
            IpProtocol: '-1',
            IpRanges: [{ CidrIp: '10.0.0.0/16' }],
            Ipv6Ranges: [],
            PrefixListIds: [],
            UserIdGroupPairs: [],
          },
          { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ]),
      ],
    });

    const [both, one] = unwrap(await adapter.listResources(anAwsConnection(['us-east-1']), null)).items;

    const all = { port: 0, toPort: 65535, protocol: '-1', cidr: '10.0.0.0/16' };
    const icmp = { port: 8, protocol: 'icmp', cidr: '0.0.0.0/0' };
    expect(both.config.ingress).toEqual([
      { port: 22, toPort: 22, protocol: 'tcp', cidr: '0.0.0.0/0' },
      { port: 22, toPort: 22, protocol: 'tcp', cidr: '::/0' },
      all,
      icmp,
    ]);
    expect(one.config.ingress).toEqual([all, icmp]);
    const calls = ec2.commandCalls(DescribeSecurityGroupsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input).toEqual({
      Filters: [{ Name: 'group-id', Values: ['sg-0aaa1111', 'sg-0bbb2222'] }],
    });
  });

  it('reports disks as encrypted only when every attached EBS volume is', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      $metadata: metadata,
      Reservations: [
        aReservation([
          anInstance('i-00000000000000001', { volumes: ['vol-0a0000001', 'vol-0a0000002'] }),
          anInstance('i-00000000000000002', { volumes: ['vol-0b0000001', 'vol-0b0000002'] }),
          anInstance('i-00000000000000003', { volumes: [] }),
        ]),
      ],
    });
    ec2.on(DescribeVolumesCommand).resolves({
      $metadata: metadata,
      Volumes: [
        aVolume('vol-0a0000001', true, 'i-00000000000000001'),
        aVolume('vol-0a0000002', true, 'i-00000000000000001'),
        aVolume('vol-0b0000001', true, 'i-00000000000000002'),
        aVolume('vol-0b0000002', false, 'i-00000000000000002'),
      ],
    });
    const items = unwrap(await adapter.listResources(anAwsConnection(['us-east-1']), null)).items;
    expect(items.map((i) => i.config.diskEncrypted)).toEqual([true, false, undefined]);
    expect(ec2.commandCalls(DescribeVolumesCommand)[0].args[0].input).toEqual({
      Filters: [
        { Name: 'volume-id', Values: ['vol-0a0000001', 'vol-0a0000002', 'vol-0b0000001', 'vol-0b0000002'] },
      ],
    });
  });

  it('reads termination protection only for live production instances', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      $metadata: metadata,
      Reservations: [
        aReservation([
          anInstance('i-00000000000000001', { tags: { Environment: 'Production' } }),
          anInstance('i-00000000000000002', { tags: { env: 'prod' } }),
          anInstance('i-00000000000000003', { tags: { env: 'staging' } }),
          anInstance('i-00000000000000004', { tags: { env: 'prod' }, state: 'terminated' }),
        ]),
      ],
    });
    ec2.on(DescribeInstanceAttributeCommand, { InstanceId: 'i-00000000000000001' }).resolves({
      $metadata: metadata,
      InstanceId: 'i-00000000000000001',
      DisableApiTermination: { Value: true },
    });
    ec2.on(DescribeInstanceAttributeCommand, { InstanceId: 'i-00000000000000002' }).resolves({
      $metadata: metadata,
      InstanceId: 'i-00000000000000002',
      DisableApiTermination: { Value: false },
    });

    const items = unwrap(await adapter.listResources(anAwsConnection(['us-east-1']), null)).items;

    expect(items.map((i) => i.config.terminationProtection)).toEqual([true, false, undefined, undefined]);
    expect(ec2.commandCalls(DescribeInstanceAttributeCommand).map((c) => c.args[0].input)).toEqual([
      { InstanceId: 'i-00000000000000001', Attribute: 'disableApiTermination' },
      { InstanceId: 'i-00000000000000002', Attribute: 'disableApiTermination' },
    ]);
  });

  it.each([
    ['garbage', 'not-a-token'],
    [
      'a region that is a host name',
      `v1.${Buffer.from(JSON.stringify({ r: ['evil.example.com/'], i: 0, t: null })).toString('base64url')}`,
    ],
    [
      'an index past the regions',
      `v1.${Buffer.from(JSON.stringify({ r: ['us-east-1'], i: 3, t: null })).toString('base64url')}`,
    ],
  ])('rejects a page token holding %s without calling AWS', async (_what, token) => {
    const result = await adapter.listResources(anAwsConnection(['us-east-1']), token);
    expect(result.ok ? null : result.error.code).toBe('validation');
    expect(ec2.calls()).toHaveLength(0);
  });
});
