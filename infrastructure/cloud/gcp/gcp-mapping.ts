import { type DiscoveredResource } from '../../../domain/cloud/ports/cloud.port';
import { type IngressRule, type ResourceState } from '../../../domain/cloud/resource.entity';
import { machineShape } from './gcp-machine-types';

/** The fields of a Compute `Instance` this adapter reads (the SDK's `IInstance` fits this shape). */
export interface GcpInstance {
  readonly name?: string | null;
  readonly zone?: string | null;
  readonly machineType?: string | null;
  readonly status?: string | null;
  readonly labels?: Readonly<Record<string, string>> | null;
  readonly creationTimestamp?: string | null;
  readonly lastStartTimestamp?: string | null;
  readonly deletionProtection?: boolean | null;
  readonly tags?: { readonly items?: readonly string[] | null } | null;
  readonly serviceAccounts?: readonly { readonly email?: string | null }[] | null;
  readonly networkInterfaces?:
    | readonly {
        readonly network?: string | null;
        readonly accessConfigs?: readonly { readonly natIP?: string | null }[] | null;
      }[]
    | null;
}

/** The fields of a Compute `Firewall` this adapter reads. */
export interface GcpFirewall {
  readonly network?: string | null;
  readonly direction?: string | null;
  readonly disabled?: boolean | null;
  readonly sourceRanges?: readonly string[] | null;
  readonly targetTags?: readonly string[] | null;
  readonly targetServiceAccounts?: readonly string[] | null;
  readonly allowed?:
    readonly { readonly IPProtocol?: string | null; readonly ports?: readonly string[] | null }[] | null;
}

/** GCP's word → the inventory's. TERMINATED is GCP's name for a stopped VM, not a deleted one. */
const STATES: Readonly<Record<string, ResourceState>> = {
  PROVISIONING: 'pending',
  STAGING: 'pending',
  RUNNING: 'running',
  // Google is restarting the VM after a host failure; it is meant to be running.
  REPAIRING: 'running',
  STOPPING: 'stopped',
  PENDING_STOP: 'stopped',
  SUSPENDING: 'stopped',
  SUSPENDED: 'stopped',
  STOPPED: 'stopped',
  TERMINATED: 'stopped',
};

export function instanceState(status: string): ResourceState {
  // A status newer than this table is most likely a transition; the next sync settles it.
  return STATES[status] ?? 'pending';
}

/** `us-central1-a` → `us-central1`. */
export function zoneToRegion(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}

const ZONE = /^[a-z]+-[a-z]+\d+-[a-z]$/;

/** A region gets its `-a` zone; a zone is kept as given. */
export function regionToZone(regionOrZone: string): string {
  return ZONE.test(regionOrZone) ? regionOrZone : `${regionOrZone}-a`;
}

/**
 * Instances are identified by their relative resource name `projects/{p}/zones/{z}/instances/{n}`
 * rather than the selfLink: it holds everything `act` needs, and it does not change when an
 * `endpoint` override moves the API host.
 */
export function instanceExternalId(project: string, zone: string, name: string): string {
  return `projects/${project}/zones/${zone}/instances/${name}`;
}

/** Reads a relative name or a full selfLink (anything before `projects/` is dropped). */
export function parseExternalId(externalId: string): { project: string; zone: string; name: string } | null {
  const match = /(?:^|\/)projects\/([^/]+)\/zones\/([^/]+)\/instances\/([^/]+)$/.exec(externalId);
  return match ? { project: match[1], zone: match[2], name: match[3] } : null;
}

/** Last path segment of a URL or relative name (`…/machineTypes/n1-standard-2` → `n1-standard-2`). */
export function lastSegment(value: string): string {
  return value.slice(value.lastIndexOf('/') + 1);
}

/**
 * Compute disks are always encrypted at rest (Google-managed keys by default, CMEK or CSEK when a
 * `diskEncryptionKey` is set), so `diskEncrypted` is true for every VM.
 */
export function toDiscoveredResource(
  project: string,
  zone: string,
  instance: GcpInstance,
  firewalls: readonly GcpFirewall[] | null,
): DiscoveredResource {
  const name = instance.name ?? '';
  const status = instance.status ?? 'UNKNOWN';
  const size = instance.machineType ? lastSegment(instance.machineType) : null;
  const shape = size ? machineShape(size) : null;
  const publicIp =
    (instance.networkInterfaces ?? []).flatMap((n) => n.accessConfigs ?? []).find((a) => a.natIP)?.natIP ??
    null;
  return {
    externalId: instanceExternalId(project, zone, name),
    name,
    region: zoneToRegion(zone),
    type: 'vm',
    size,
    state: instanceState(status),
    providerState: status,
    tags: { ...(instance.labels ?? {}) },
    costPerHour: null,
    config: {
      publicIp,
      terminationProtection: instance.deletionProtection === true,
      diskEncrypted: true,
      ...(shape ? { cpus: shape.vcpus, memoryGb: shape.memoryGb } : {}),
      // Without the firewall list (no permission) ingress stays unknown rather than "none".
      ...(firewalls ? { ingress: ingressFor(instance, firewalls) } : {}),
    },
    createdAt: parseTimestamp(instance.creationTimestamp),
  };
}

export function parseTimestamp(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The INGRESS allow rules that reach this instance, one `IngressRule` per source range × protocol ×
 * port range. A rule applies when it is enabled, sits on one of the instance's networks, and its
 * target tags / service accounts (if any) match the instance. Deny rules and priorities are not
 * evaluated: the result may over-report exposure, which is the safe side for threat rules.
 * Rules with only `sourceTags` have no CIDR and are left out.
 */
export function ingressFor(instance: GcpInstance, firewalls: readonly GcpFirewall[]): IngressRule[] {
  const networks = new Set((instance.networkInterfaces ?? []).map((n) => relativeName(n.network ?? '')));
  const tags = new Set(instance.tags?.items ?? []);
  const accounts = new Set((instance.serviceAccounts ?? []).map((s) => s.email ?? ''));
  const rules: IngressRule[] = [];
  for (const fw of firewalls) {
    if (fw.disabled || (fw.direction ?? 'INGRESS') !== 'INGRESS') continue;
    if (!networks.has(relativeName(fw.network ?? ''))) continue;
    const targetTags = fw.targetTags ?? [];
    const targetAccounts = fw.targetServiceAccounts ?? [];
    if (targetTags.length > 0 && !targetTags.some((t) => tags.has(t))) continue;
    if (targetAccounts.length > 0 && !targetAccounts.some((a) => accounts.has(a))) continue;
    for (const cidr of fw.sourceRanges ?? []) {
      for (const allowed of fw.allowed ?? []) {
        const protocol = (allowed.IPProtocol ?? 'all').toLowerCase();
        for (const range of portRanges(protocol, allowed.ports ?? []))
          rules.push({ ...range, protocol, cidr });
      }
    }
  }
  return rules;
}

/** Protocols that carry ports; a rule on them without `ports` opens every port. */
const PORTED = new Set(['tcp', 'udp', 'sctp', 'all']);

function portRanges(protocol: string, ports: readonly string[]): { port: number; toPort: number }[] {
  if (ports.length === 0) return [PORTED.has(protocol) ? { port: 0, toPort: 65535 } : { port: 0, toPort: 0 }];
  const out: { port: number; toPort: number }[] = [];
  for (const spec of ports) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(spec.trim());
    if (!match) continue;
    const port = Number(match[1]);
    out.push({ port, toPort: match[2] ? Number(match[2]) : port });
  }
  return out;
}

/** `https://…/compute/v1/projects/p/global/networks/default` → `projects/p/global/networks/default`. */
function relativeName(value: string): string {
  const at = value.indexOf('projects/');
  return at >= 0 ? value.slice(at) : value;
}

/**
 * GCP label rules: keys start with a lower-case letter; keys and values hold only lower-case
 * letters, digits, `_` and `-`, at most 63 characters. Other characters become `_`.
 */
export function toGcpLabels(tags: Readonly<Record<string, string>>): Record<string, string> {
  const clean = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '_')
      .slice(0, 63);
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    let k = clean(key);
    if (!/^[a-z]/.test(k)) k = `t_${k}`.slice(0, 63);
    labels[k] = clean(value);
  }
  return labels;
}
