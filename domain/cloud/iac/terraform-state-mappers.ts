import { type CloudKind } from '../cloud-kind';
import { type DiscoveredResource } from '../ports/cloud.port';
import {
  type IamStatement,
  type IngressRule,
  type ResourceConfig,
  type ResourceState,
} from '../resource.entity';
import {
  type Attributes,
  asStrings,
  bool,
  date,
  firstBlock,
  isObject,
  list,
  num,
  policyStatements,
  str,
  stringMap,
} from './state-attributes';

export interface StateMapper {
  readonly kind: CloudKind;
  /** `bucketPublicAccess` answers from the bucket's sibling resources (ACLs, policies, blocks). */
  readonly map: (
    attrs: Attributes,
    bucketPublicAccess: (bucket: string) => boolean | undefined,
  ) => DiscoveredResource | string;
}

/** `arn:partition:service:region:account:resource`; IAM and S3 ARNs leave the region empty. */
function arnRegion(arn: string | undefined): string | undefined {
  const region = arn?.split(':')[3];
  return region ? region : undefined;
}

/** `us-east-1a` → `us-east-1`; also local and wavelength zones such as `us-west-2-lax-1a`. */
function awsZoneRegion(zone: string | undefined): string | undefined {
  return zone ? /^([a-z]{2}(?:-[a-z]+)+-\d+)/.exec(zone)?.[1] : undefined;
}

const awsRegion = (a: Attributes): string =>
  arnRegion(str(a, 'arn')) ?? awsZoneRegion(str(a, 'availability_zone')) ?? str(a, 'region') ?? 'unknown';

/** Things that exist until deleted: they have no lifecycle, as in the simulated cloud. */
const AVAILABLE = { state: 'running' as ResourceState, providerState: 'available' };

function base(
  externalId: string,
  name: string,
  region: string,
  type: DiscoveredResource['type'],
  rest: Partial<Omit<DiscoveredResource, 'externalId' | 'name' | 'region' | 'type' | 'costPerHour'>>,
): DiscoveredResource {
  return {
    externalId,
    name,
    region,
    type,
    size: rest.size ?? null,
    state: rest.state ?? AVAILABLE.state,
    providerState: rest.providerState ?? AVAILABLE.providerState,
    tags: rest.tags ?? {},
    costPerHour: null,
    createdAt: rest.createdAt ?? null,
    config: rest.config ?? {},
  };
}

/** Only the facts Cockpit stores are read: secrets in state (user_data, passwords) never leave. */
function defined(config: Record<string, unknown>): ResourceConfig {
  const out: Record<string, unknown> = {};
  for (const key in config) if (config[key] !== undefined) out[key] = config[key];
  return out as ResourceConfig;
}

/** Own keys only: a provider word such as `constructor` must not find Object.prototype's. */
const lookup = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

const EC2_STATES: Readonly<Record<string, ResourceState>> = {
  pending: 'pending',
  running: 'running',
  stopping: 'stopped',
  stopped: 'stopped',
  'shutting-down': 'terminated',
  terminated: 'terminated',
};

const GCE_STATES: Readonly<Record<string, ResourceState>> = {
  PROVISIONING: 'pending',
  STAGING: 'pending',
  RUNNING: 'running',
  REPAIRING: 'running',
  STOPPING: 'stopped',
  STOPPED: 'stopped',
  SUSPENDING: 'stopped',
  SUSPENDED: 'stopped',
  // GCE's TERMINATED is a stopped instance that can be started again.
  TERMINATED: 'stopped',
};

const awsInstance: StateMapper = {
  kind: 'aws',
  map: (a) => {
    const id = str(a, 'id');
    if (!id) return 'the instance has no id';
    const tags = stringMap(a.tags_all ?? a.tags);
    const word = str(a, 'instance_state');
    return base(id, tags.Name ?? id, awsRegion(a), 'vm', {
      size: str(a, 'instance_type') ?? null,
      state: word ? (lookup(EC2_STATES, word) ?? 'pending') : 'running',
      providerState: word ?? 'unknown',
      tags,
      config: defined({
        publicIp: str(a, 'public_ip') ?? null,
        terminationProtection: bool(a, 'disable_api_termination'),
        diskEncrypted: bool(firstBlock(a, 'root_block_device'), 'encrypted'),
        image: str(a, 'ami'),
      }),
    });
  },
};

const awsBucket: StateMapper = {
  kind: 'aws',
  map: (a, bucketPublicAccess) => {
    const bucket = str(a, 'bucket') ?? str(a, 'id');
    if (!bucket) return 'the bucket has no name';
    // Buckets in us-east-1 keep the legacy global endpoint, which names no region.
    const domainRegion = /\.s3[.-]([a-z0-9-]+)\.amazonaws\.com$/.exec(
      str(a, 'bucket_regional_domain_name') ?? '',
    );
    const region = str(a, 'region') ?? domainRegion?.[1] ?? 'us-east-1';
    return base(bucket, bucket, region, 'bucket', {
      tags: stringMap(a.tags_all ?? a.tags),
      config: defined({ publicAccess: bucketPublicAccess(bucket) }),
    });
  },
};

const awsVolume: StateMapper = {
  kind: 'aws',
  map: (a) => {
    const id = str(a, 'id');
    if (!id) return 'the volume has no id';
    const tags = stringMap(a.tags_all ?? a.tags);
    return base(id, tags.Name ?? id, awsRegion(a), 'disk', {
      size: str(a, 'type') ?? null,
      tags,
      config: defined({ diskEncrypted: bool(a, 'encrypted') }),
    });
  },
};

function ingressRules(a: Attributes): IngressRule[] {
  const rules: IngressRule[] = [];
  for (const rule of list(a, 'ingress')) {
    if (!isObject(rule)) continue;
    const from = num(rule, 'from_port') ?? 0;
    const to = num(rule, 'to_port') ?? from;
    const protocol = str(rule, 'protocol') ?? '-1';
    // Rules whose source is another security group admit no internet traffic; only CIDRs count.
    const cidrs = [...list(rule, 'cidr_blocks'), ...list(rule, 'ipv6_cidr_blocks')];
    for (const cidr of cidrs) {
      if (typeof cidr !== 'string') continue;
      rules.push(to === from ? { port: from, protocol, cidr } : { port: from, toPort: to, protocol, cidr });
    }
  }
  return rules;
}

const awsSecurityGroup: StateMapper = {
  kind: 'aws',
  map: (a) => {
    const id = str(a, 'id');
    if (!id) return 'the security group has no id';
    return base(id, str(a, 'name') ?? id, awsRegion(a), 'security_group', {
      tags: stringMap(a.tags_all ?? a.tags),
      config: { ingress: ingressRules(a) },
    });
  },
};

const awsIamPolicy: StateMapper = {
  kind: 'aws',
  map: (a) => {
    const arn = str(a, 'arn') ?? str(a, 'id');
    if (!arn) return 'the policy has no ARN';
    const statements = policyStatements(str(a, 'policy'));
    // NotAction/NotResource statements cannot be written as lists of what they allow; leaving
    // them out keeps the facts true rather than complete.
    const iamStatements: IamStatement[] | undefined = statements
      ?.filter((s) => (s.Effect === 'Allow' || s.Effect === 'Deny') && s.Action !== undefined)
      .map((s) => ({
        effect: s.Effect as 'Allow' | 'Deny',
        actions: asStrings(s.Action),
        resources: asStrings(s.Resource),
      }));
    return base(arn, str(a, 'name') ?? arn, 'global', 'iam_policy', {
      tags: stringMap(a.tags_all ?? a.tags),
      config: defined({ iamStatements }),
    });
  },
};

const azureVm: StateMapper = {
  kind: 'azure',
  map: (a) => {
    const id = str(a, 'id');
    if (!id) return 'the VM has no id';
    const image = firstBlock(a, 'source_image_reference');
    const urn = ['publisher', 'offer', 'sku', 'version'].map((k) => str(image, k));
    return base(id, str(a, 'name') ?? id, str(a, 'location') ?? 'unknown', 'vm', {
      size: str(a, 'size') ?? null,
      // The azurerm state records no power state; the inventory sync will tell.
      state: 'running',
      providerState: 'unknown',
      tags: stringMap(a.tags),
      config: defined({
        publicIp: str(a, 'public_ip_address') ?? null,
        image: urn.every((part) => part !== undefined) ? urn.join(':') : undefined,
      }),
    });
  },
};

const gcpInstance: StateMapper = {
  kind: 'gcp',
  map: (a) => {
    const externalId = str(a, 'self_link') ?? str(a, 'id');
    if (!externalId) return 'the instance has neither self_link nor id';
    const zone = str(a, 'zone') ?? /\/zones\/([^/]+)\//.exec(externalId)?.[1];
    const status = str(a, 'current_status') ?? str(a, 'desired_status');
    const natIp = list(a, 'network_interface')
      .filter(isObject)
      .flatMap((nic) => list(nic, 'access_config').filter(isObject))
      .map((access) => str(access, 'nat_ip'))
      .find((ip) => ip !== undefined);
    const image = str(firstBlock(firstBlock(a, 'boot_disk'), 'initialize_params'), 'image');
    return base(
      externalId,
      str(a, 'name') ?? externalId,
      zone ? zone.replace(/-[a-z]$/, '') : 'unknown',
      'vm',
      {
        size: str(a, 'machine_type')?.split('/').pop() ?? null,
        state: status ? (lookup(GCE_STATES, status) ?? 'pending') : 'running',
        providerState: status ?? 'unknown',
        tags: stringMap(a.labels),
        createdAt: date(str(a, 'creation_timestamp')),
        config: defined({
          publicIp: natIp ?? null,
          terminationProtection: bool(a, 'deletion_protection'),
          image,
        }),
      },
    );
  },
};

export const STATE_MAPPERS: ReadonlyMap<string, StateMapper> = new Map(
  Object.entries({
    aws_instance: awsInstance,
    aws_s3_bucket: awsBucket,
    aws_ebs_volume: awsVolume,
    aws_security_group: awsSecurityGroup,
    aws_iam_policy: awsIamPolicy,
    azurerm_linux_virtual_machine: azureVm,
    azurerm_windows_virtual_machine: azureVm,
    google_compute_instance: gcpInstance,
  }),
);
