import { type IngressRule, type ResourceType } from '../../../domain/cloud/resource.entity';
import { GLOBAL_REGION, machinePrice, machineSizes } from './price-table';
import { Prng, hashString } from './prng';
import {
  AI_APPS,
  BUCKET_PURPOSES,
  COST_CENTERS,
  DATABASE_APPS,
  DISK_PURPOSES,
  ENV_WEIGHTS,
  type Env,
  IAM_POLICIES,
  LINUX_IMAGES,
  MODELS,
  OPEN_ADMIN_RULES,
  REGION_WEIGHTS,
  SECURITY_GROUPS,
  VM_ROLES,
  type VmRole,
  WILDCARD_STATEMENT,
  WINDOWS_IMAGE,
  WORLD,
  tcp,
} from './simulated-catalogue';
import { type SimulatedResourceRecord, type SimulatedStateEvent } from './simulated-resource';

/**
 * Inventories are generated relative to this fixed instant, never to Date.now, so that one seed
 * gives one inventory forever: resources were created in the 400 days before it.
 */
export const SIMULATION_EPOCH = '2026-01-01T00:00:00.000Z';
const EPOCH_MS = Date.parse(SIMULATION_EPOCH);

/** Eight hex digits of the seed, part of every external id so that two seeds never share ids. */
export function seedTag(seed: string): string {
  return hashString(seed).toString(16).padStart(8, '0');
}

const TYPE_WEIGHTS: readonly (readonly [ResourceType, number])[] = [
  ['vm', 50],
  ['disk', 14],
  ['bucket', 10],
  ['database', 7],
  ['security_group', 7],
  ['llm_endpoint', 4],
  ['vector_db', 4],
  ['iam_policy', 4],
];

const ID_KINDS: Readonly<Record<ResourceType, string>> = {
  vm: 'vm',
  bucket: 'bkt',
  disk: 'disk',
  database: 'db',
  llm_endpoint: 'llm',
  vector_db: 'vdb',
  security_group: 'sg',
  iam_policy: 'iam',
};

export interface VmTraits {
  readonly role?: string;
  readonly env?: Env;
  readonly region?: string;
  readonly size?: string;
  readonly stopped?: boolean;
  readonly sshOpen?: boolean;
  readonly rdpOpen?: boolean;
  readonly terminationProtection?: boolean;
  readonly missingTags?: boolean;
  readonly lowUtilization?: boolean;
}

interface Common {
  readonly type: ResourceType;
  readonly name: string;
  readonly region: string;
  readonly size: string | null;
  readonly tags: Record<string, string>;
  readonly config: SimulatedResourceRecord['config'];
  readonly storageGb?: number;
  readonly stopped?: boolean;
}

/**
 * Draws resources one at a time from one seeded sequence. A method's `force` argument pins the
 * traits the showcase needs; everything left open is drawn.
 */
export class InventoryBuilder {
  readonly records: SimulatedResourceRecord[] = [];
  private readonly prng: Prng;
  private readonly tag: string;
  private readonly idCounters = new Map<string, number>();
  private readonly nameCounters = new Map<string, number>();
  private publicIps = 0;

  constructor(seed: string) {
    this.prng = new Prng(hashString(seed));
    this.tag = seedTag(seed);
  }

  random(): void {
    switch (this.prng.weighted(TYPE_WEIGHTS)) {
      case 'vm':
        return this.vm();
      case 'disk':
        return this.disk();
      case 'bucket':
        return this.bucket();
      case 'database':
        return this.database();
      case 'security_group':
        return this.securityGroup();
      case 'llm_endpoint':
        return this.llmEndpoint();
      case 'vector_db':
        return this.vectorDb();
      case 'iam_policy':
        return this.iamPolicy();
    }
  }

  vm(force: VmTraits = {}): void {
    const p = this.prng;
    const role: VmRole =
      VM_ROLES.find((r) => r.role === force.role) ?? p.weighted(VM_ROLES.map((r) => [r, r.weight]));
    const env = force.env ?? this.env();
    const size = force.size ?? p.pick(role.sizes);
    const sshOpen = force.sshOpen ?? p.chance(0.04);
    const rdpOpen = force.rdpOpen ?? p.chance(0.02);
    const ingress: IngressRule[] = role.publicWeb ? [tcp(80, WORLD), tcp(443, WORLD)] : [];
    ingress.push(tcp(22, sshOpen ? WORLD : '10.0.0.0/8'));
    if (rdpOpen) ingress.push(tcp(3389, WORLD));
    const low = force.lowUtilization ?? p.chance(0.3);
    const price = machinePrice(size)!;
    this.push({
      type: 'vm',
      name: this.name(role.role),
      region: force.region ?? this.region(),
      size,
      tags: this.tags(env, p.pick(role.teams), force.missingTags ?? (env === 'prod' && p.chance(0.1))),
      stopped: force.stopped ?? p.chance(env === 'prod' ? 0.05 : 0.25),
      config: {
        ingress,
        publicIp: ingress.some((r) => r.cidr === WORLD) ? this.publicIp() : null,
        terminationProtection: force.terminationProtection ?? (env === 'prod' && p.chance(0.6)),
        cpus: price.cpus,
        memoryGb: price.memoryGb,
        image: rdpOpen ? WINDOWS_IMAGE : p.pick(LINUX_IMAGES),
        cpuP95: low ? p.int(2, 18) : p.int(22, 88),
        memoryP95: low ? p.int(8, 38) : p.int(42, 92),
      },
    });
  }

  bucket(force: { readonly publicAccess?: boolean; readonly purpose?: string } = {}): void {
    const p = this.prng;
    const purpose = force.purpose ?? p.pick(BUCKET_PURPOSES);
    const team = p.pick(Object.keys(COST_CENTERS));
    const size =
      purpose === 'backups'
        ? 'archive'
        : p.weighted([
            ['standard', 6],
            ['infrequent', 3],
            ['archive', 1],
          ] as const);
    this.push({
      type: 'bucket',
      name: this.name(`${team}-${purpose}`),
      region: this.region(),
      size,
      storageGb: p.pick([20, 150, 600, 2_500, 9_000, 40_000]),
      tags: this.tags(this.env(), team, false),
      config: { publicAccess: force.publicAccess ?? p.chance(purpose === 'assets' ? 0.3 : 0.04) },
    });
  }

  disk(force: { readonly encrypted?: boolean } = {}): void {
    const p = this.prng;
    this.push({
      type: 'disk',
      name: this.name(`${p.pick(DISK_PURPOSES)}-vol`),
      region: this.region(),
      size: p.weighted([
        ['ssd', 6],
        ['hdd', 3],
        ['io-ssd', 1],
      ] as const),
      storageGb: p.pick([50, 100, 200, 500, 1_000, 2_000]),
      tags: this.tags(this.env(), p.pick(Object.keys(COST_CENTERS)), false),
      config: { diskEncrypted: force.encrypted ?? !p.chance(0.15) },
    });
  }

  database(force: { readonly env?: Env; readonly app?: string } = {}): void {
    const p = this.prng;
    const env = force.env ?? this.env();
    const app = force.app ?? p.pick(DATABASE_APPS);
    const size = p.pick(machineSizes('database')).size;
    this.push({
      type: 'database',
      name: this.name(`${app}-db`),
      region: this.region(),
      size,
      stopped: env === 'dev' && p.chance(0.2),
      tags: { ...this.tags(env, p.pick(['payments', 'web', 'data']), false), app },
      config: {
        image: p.pick(['postgres-16', 'mysql-8.0']),
        terminationProtection: env === 'prod' && p.chance(0.7),
        cpus: machinePrice(size)!.cpus,
        memoryGb: machinePrice(size)!.memoryGb,
      },
    });
  }

  llmEndpoint(force: { readonly app?: string; readonly region?: string } = {}): void {
    const p = this.prng;
    const app = force.app ?? p.pick(AI_APPS);
    const size = p.weighted([
      ['llm.small', 5],
      ['llm.medium', 3],
      ['llm.large', 1],
    ] as const);
    this.push({
      type: 'llm_endpoint',
      name: this.name(`llm-${app}`),
      region: force.region ?? this.region(),
      size,
      tags: { ...this.tags(this.env(), 'ml', false), app },
      config: { image: MODELS[size], cpus: machinePrice(size)!.cpus, memoryGb: machinePrice(size)!.memoryGb },
    });
  }

  vectorDb(force: { readonly app?: string; readonly region?: string } = {}): void {
    const p = this.prng;
    const app = force.app ?? p.pick(AI_APPS);
    this.push({
      type: 'vector_db',
      name: this.name(`vdb-${app}`),
      region: force.region ?? this.region(),
      size: p.pick(machineSizes('vector_db')).size,
      tags: { ...this.tags(this.env(), 'ml', false), app },
      config: {},
    });
  }

  securityGroup(force: { readonly purpose?: string; readonly openAdmin?: boolean } = {}): void {
    const p = this.prng;
    const purpose = force.purpose ?? p.pick(Object.keys(SECURITY_GROUPS));
    const openAdmin = force.openAdmin ?? p.chance(0.08);
    this.push({
      type: 'security_group',
      name: this.name(`sg-${purpose}`),
      region: this.region(),
      size: null,
      tags: this.tags(this.env(), p.pick(['platform', 'security']), false),
      config: { ingress: openAdmin ? OPEN_ADMIN_RULES : (SECURITY_GROUPS[purpose] ?? OPEN_ADMIN_RULES) },
    });
  }

  iamPolicy(force: { readonly purpose?: string; readonly wildcard?: boolean } = {}): void {
    const p = this.prng;
    const purpose = force.purpose ?? p.pick(Object.keys(IAM_POLICIES));
    const wildcard = force.wildcard ?? p.chance(0.1);
    this.push({
      type: 'iam_policy',
      name: this.name(`policy-${purpose}`),
      region: GLOBAL_REGION,
      size: null,
      tags: this.tags(this.env(), p.pick(['platform', 'security']), false),
      config: {
        iamStatements: wildcard ? [WILDCARD_STATEMENT] : (IAM_POLICIES[purpose] ?? [WILDCARD_STATEMENT]),
      },
    });
  }

  private push(common: Common): void {
    const p = this.prng;
    const kind = ID_KINDS[common.type];
    const seq = (this.idCounters.get(kind) ?? 0) + 1;
    this.idCounters.set(kind, seq);
    // Whole seconds, so the ISO strings stay short and round-trip exactly.
    const createdMs = EPOCH_MS - Math.floor((1 + p.float() * 399) * 86_400) * 1000;
    const createdAt = new Date(createdMs).toISOString();
    const history: SimulatedStateEvent[] = [{ at: createdAt, state: 'running' }];
    if (common.stopped) {
      const stoppedMs = createdMs + Math.floor((p.float() * (EPOCH_MS - createdMs)) / 1000) * 1000;
      history.push({ at: new Date(stoppedMs).toISOString(), state: 'stopped' });
    }
    this.records.push({
      externalId: `sim-${this.tag}-${kind}-${String(seq).padStart(4, '0')}`,
      name: common.name,
      region: common.region,
      type: common.type,
      size: common.size,
      tags: common.tags,
      config: common.config,
      createdAt,
      storageGb: common.storageGb ?? null,
      history,
    });
  }

  private name(base: string): string {
    const n = (this.nameCounters.get(base) ?? 0) + 1;
    this.nameCounters.set(base, n);
    return `${base}-${String(n).padStart(2, '0')}`;
  }

  private env(): Env {
    return this.prng.weighted(ENV_WEIGHTS);
  }

  private region(): string {
    return this.prng.weighted(REGION_WEIGHTS);
  }

  private tags(env: Env, team: string, missing: boolean): Record<string, string> {
    // The ones left untagged are the point: cost allocation and tag policies need something to flag.
    return missing ? { env } : { env, team, 'cost-center': COST_CENTERS[team]! };
  }

  private publicIp(): string {
    // TEST-NET-3 (RFC 5737): addresses that can never belong to anyone real.
    this.publicIps += 1;
    return `203.0.113.${(this.publicIps % 254) + 1}`;
  }
}
