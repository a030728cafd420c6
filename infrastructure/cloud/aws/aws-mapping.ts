import {
  type Instance,
  type IpPermission,
  type SecurityGroup,
  type Tag,
  type Volume,
} from '@aws-sdk/client-ec2';
import { type DiscoveredResource } from '../../../domain/cloud/ports/cloud.port';
import { type IngressRule, type ResourceState } from '../../../domain/cloud/resource.entity';

/** EC2's instance states → the inventory's; a transition is shown as where it is heading. */
const STATES: Readonly<Record<string, ResourceState>> = {
  pending: 'pending',
  running: 'running',
  stopping: 'stopped',
  stopped: 'stopped',
  'shutting-down': 'terminated',
  terminated: 'terminated',
};

export function instanceState(name: string | undefined): ResourceState {
  // A state newer than this table is most likely a transition; the next sync settles it.
  return (name && STATES[name]) || 'pending';
}

/** What a page of instances was enriched with: one lookup per page, not per instance. */
export interface InstanceFacts {
  readonly groups: ReadonlyMap<string, SecurityGroup>;
  readonly volumes: ReadonlyMap<string, Volume>;
  /** `disableApiTermination` of the instances that were asked about (production ones). */
  readonly terminationProtection: ReadonlyMap<string, boolean>;
}

export const NO_FACTS: InstanceFacts = {
  groups: new Map(),
  volumes: new Map(),
  terminationProtection: new Map(),
};

export function tagRecord(tags: readonly Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? '';
  return out;
}

/** Every security group the instance's network interfaces carry. */
export function instanceGroupIds(instance: Instance): string[] {
  const ids = [
    ...(instance.SecurityGroups ?? []).map((g) => g.GroupId),
    ...(instance.NetworkInterfaces ?? []).flatMap((n) => (n.Groups ?? []).map((g) => g.GroupId)),
  ];
  return [...new Set(ids.filter((id): id is string => !!id))];
}

export function instanceVolumeIds(instance: Instance): string[] {
  const ids = (instance.BlockDeviceMappings ?? []).map((m) => m.Ebs?.VolumeId);
  return [...new Set(ids.filter((id): id is string => !!id))];
}

const PORTED_PROTOCOLS = new Set(['tcp', 'udp', '6', '17']);

/**
 * One rule per source range. `-1` is every protocol on every port. For ICMP and other protocols
 * without ports, AWS's FromPort/ToPort hold an ICMP type and code (or -1), not a range, so only
 * FromPort is kept.
 */
export function ingressRules(permissions: readonly IpPermission[] | undefined): IngressRule[] {
  const rules: IngressRule[] = [];
  for (const permission of permissions ?? []) {
    const protocol = permission.IpProtocol ?? '-1';
    const ports: Pick<IngressRule, 'port' | 'toPort'> =
      protocol === '-1'
        ? { port: 0, toPort: 65535 }
        : PORTED_PROTOCOLS.has(protocol.toLowerCase())
          ? { port: permission.FromPort ?? 0, toPort: permission.ToPort ?? permission.FromPort ?? 65535 }
          : { port: permission.FromPort ?? -1 };
    // Rules that name another security group or a prefix list admit known peers, not address ranges.
    const cidrs = [
      ...(permission.IpRanges ?? []).map((r) => r.CidrIp),
      ...(permission.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
    ];
    for (const cidr of cidrs) if (cidr) rules.push({ ...ports, protocol, cidr });
  }
  return rules;
}

function instanceIngress(instance: Instance, groups: ReadonlyMap<string, SecurityGroup>): IngressRule[] {
  const seen = new Set<string>();
  const rules: IngressRule[] = [];
  for (const id of instanceGroupIds(instance)) {
    for (const rule of ingressRules(groups.get(id)?.IpPermissions)) {
      const key = JSON.stringify([rule.protocol, rule.port, rule.toPort, rule.cidr]);
      if (!seen.has(key)) rules.push(rule);
      seen.add(key);
    }
  }
  return rules;
}

/** True when every attached EBS volume is encrypted; undefined when none could be looked at. */
function disksEncrypted(instance: Instance, volumes: ReadonlyMap<string, Volume>): boolean | undefined {
  const known = instanceVolumeIds(instance)
    .map((id) => volumes.get(id))
    .filter((v): v is Volume => v !== undefined);
  return known.length === 0 ? undefined : known.every((v) => v.Encrypted === true);
}

/**
 * LaunchTime moves on every start, so the first attachment of the root volume or the primary
 * network interface (made at launch and kept across stops) is the better creation time.
 */
function createdAt(instance: Instance): Date | null {
  const root = (instance.BlockDeviceMappings ?? []).find((m) => m.DeviceName === instance.RootDeviceName);
  const primary = (instance.NetworkInterfaces ?? []).find((n) => n.Attachment?.DeviceIndex === 0);
  const times = [instance.LaunchTime, root?.Ebs?.AttachTime, primary?.Attachment?.AttachTime]
    .filter((t): t is Date => t instanceof Date && !Number.isNaN(t.getTime()))
    .map((t) => t.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

function cpus(instance: Instance): number | undefined {
  const cores = instance.CpuOptions?.CoreCount;
  const threads = instance.CpuOptions?.ThreadsPerCore;
  return cores !== undefined && threads !== undefined ? cores * threads : undefined;
}

export function toDiscoveredInstance(
  instance: Instance,
  region: string,
  facts: InstanceFacts,
): DiscoveredResource {
  const id = instance.InstanceId ?? '';
  const tags = tagRecord(instance.Tags);
  const providerState = instance.State?.Name ?? 'unknown';
  const cpuCount = cpus(instance);
  const diskEncrypted = disksEncrypted(instance, facts.volumes);
  const protection = facts.terminationProtection.get(id);
  const hasGroups = instanceGroupIds(instance).some((g) => facts.groups.has(g));
  return {
    externalId: id,
    name: tags.Name?.trim() || id,
    region,
    type: 'vm',
    size: instance.InstanceType ?? null,
    state: instanceState(providerState),
    providerState,
    tags,
    // The EC2 API carries no prices; the inventory keeps its own estimate.
    costPerHour: null,
    config: {
      publicIp: instance.PublicIpAddress ?? null,
      ...(instance.ImageId ? { image: instance.ImageId } : {}),
      ...(cpuCount !== undefined ? { cpus: cpuCount } : {}),
      ...(hasGroups ? { ingress: instanceIngress(instance, facts.groups) } : {}),
      ...(diskEncrypted !== undefined ? { diskEncrypted } : {}),
      ...(protection !== undefined ? { terminationProtection: protection } : {}),
    },
    createdAt: createdAt(instance),
  };
}
