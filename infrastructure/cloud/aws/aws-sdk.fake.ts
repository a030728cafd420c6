import { CostExplorerServiceException } from '@aws-sdk/client-cost-explorer';
import {
  EC2ServiceException,
  type Instance,
  type InstanceStateName,
  type SecurityGroup,
  type Volume,
} from '@aws-sdk/client-ec2';
import { type CloudConnection } from '../../../domain/cloud/ports/cloud.port';
import { Credentials } from '../../../domain/cloud/credentials';
import { asTenantId } from '../../../domain/shared/tenant-id';

/** Test data shaped as the SDK deserializes AWS's answers (ids, dates and enums as AWS sends them). */

export const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLEsessionTOKENvalue0123456789';
export const ACCOUNT_ID = '123456789012';

export function anAwsConnection(
  regions: readonly string[] = [],
  extra: Readonly<Record<string, string>> = {},
): CloudConnection {
  return {
    tenantId: asTenantId('tenant-1'),
    providerId: 'provider-aws',
    credentials: Credentials.restore('aws', {
      access_key_id: ACCESS_KEY_ID,
      secret_access_key: SECRET_ACCESS_KEY,
      ...extra,
    }),
    regions,
  };
}

export const metadata = {
  httpStatusCode: 200,
  requestId: '7f3a2b1c-0d4e-4f5a-8b6c-9d0e1f2a3b4c',
  attempts: 1,
};

const STATE_CODES: Readonly<Record<string, number>> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export function anInstance(
  id: string,
  overrides: {
    state?: string;
    tags?: Record<string, string>;
    groups?: string[];
    volumes?: string[];
  } & Partial<Instance> = {},
): Instance {
  const {
    state = 'running',
    tags = { Name: `vm-${id.slice(-4)}` },
    groups = [],
    volumes = [],
    ...rest
  } = overrides;
  const launched = new Date('2024-05-02T09:15:42.000Z');
  const groupRefs = groups.map((g) => ({ GroupId: g, GroupName: `group-${g.slice(-4)}` }));
  return {
    AmiLaunchIndex: 0,
    ImageId: 'ami-0c55b159cbfafe1f0',
    InstanceId: id,
    InstanceType: 't3.micro',
    KeyName: 'ops',
    LaunchTime: launched,
    Monitoring: { State: 'disabled' },
    Placement: { AvailabilityZone: 'us-east-1a', GroupName: '', Tenancy: 'default' },
    PrivateDnsName: 'ip-10-0-1-23.ec2.internal',
    PrivateIpAddress: '10.0.1.23',
    PublicDnsName: '',
    State: { Code: STATE_CODES[state], Name: state as InstanceStateName },
    SubnetId: 'subnet-0bb1c79de3EXAMPLE',
    VpcId: 'vpc-0a1b2c3d4e5f6a7b8',
    Architecture: 'x86_64',
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    BlockDeviceMappings: volumes.map((v, n) => ({
      DeviceName: n === 0 ? '/dev/xvda' : `/dev/sd${String.fromCharCode(102 + n)}`,
      Ebs: { AttachTime: launched, DeleteOnTermination: true, Status: 'attached', VolumeId: v },
    })),
    SecurityGroups: groupRefs,
    NetworkInterfaces: [
      {
        Attachment: {
          AttachTime: launched,
          AttachmentId: `eni-attach-${id.slice(2)}`,
          DeleteOnTermination: true,
          DeviceIndex: 0,
          Status: 'attached',
          NetworkCardIndex: 0,
        },
        Groups: groupRefs,
        NetworkInterfaceId: `eni-${id.slice(2)}`,
        PrivateIpAddress: '10.0.1.23',
        Status: 'in-use',
      },
    ],
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    EbsOptimized: false,
    EnaSupport: true,
    ...rest,
  };
}

export function aReservation(instances: Instance[]) {
  return {
    ReservationId: `r-0${instances[0]?.InstanceId?.slice(3) ?? 'empty'}`,
    OwnerId: ACCOUNT_ID,
    Groups: [],
    Instances: instances,
  };
}

export function aSecurityGroup(id: string, permissions: SecurityGroup['IpPermissions'] = []): SecurityGroup {
  return {
    GroupId: id,
    GroupName: `group-${id.slice(-4)}`,
    Description: 'managed by terraform',
    OwnerId: ACCOUNT_ID,
    VpcId: 'vpc-0a1b2c3d4e5f6a7b8',
    IpPermissions: permissions,
    IpPermissionsEgress: [
      {
        IpProtocol: '-1',
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ],
  };
}

export function aVolume(id: string, encrypted: boolean, instanceId: string): Volume {
  return {
    VolumeId: id,
    Size: 8,
    VolumeType: 'gp3',
    Encrypted: encrypted,
    ...(encrypted
      ? { KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }
      : {}),
    State: 'in-use',
    AvailabilityZone: 'us-east-1a',
    CreateTime: new Date('2024-05-02T09:15:40.000Z'),
    Attachments: [
      {
        VolumeId: id,
        InstanceId: instanceId,
        Device: '/dev/xvda',
        State: 'attached',
        DeleteOnTermination: true,
      },
    ],
  };
}

/** An error as the EC2 client raises it: the AWS error code in `name`, the HTTP status in `$metadata`. */
export function ec2Error(code: string, status: number, message: string): EC2ServiceException {
  return new EC2ServiceException({
    name: code,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { ...metadata, httpStatusCode: status },
    message,
  });
}

export function costExplorerError(
  code: string,
  status: number,
  message: string,
): CostExplorerServiceException {
  return new CostExplorerServiceException({
    name: code,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { ...metadata, httpStatusCode: status },
    message,
  });
}

export const regionsAnswer = {
  $metadata: metadata,
  Regions: [
    { RegionName: 'us-east-1', Endpoint: 'ec2.us-east-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
    { RegionName: 'eu-west-1', Endpoint: 'ec2.eu-west-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
  ],
};

/** What `callsFake` hands a fake: the command input and the (real, default-factory) client. */
type ClientGetter = () => { config: { region: () => Promise<string> } };

/** A `callsFake` body that answers by the region the client was configured for. */
export const byRegion =
  (answers: Record<string, (input: Record<string, unknown>) => unknown>) =>
  async (input: Record<string, unknown>, getClient: ClientGetter): Promise<unknown> => {
    const region = await getClient().config.region();
    const answer = answers[region];
    if (!answer) throw new Error(`no fake answer for ${region}`);
    return answer(input);
  };

export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}
