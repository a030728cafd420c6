import { type IamStatement, type IngressRule } from '../../../domain/cloud/resource.entity';
import { type SimulatedRegion } from './price-table';

/** The vocabulary the inventory generator draws from: roles, teams, names and weights. */

export interface VmRole {
  readonly role: string;
  readonly teams: readonly string[];
  readonly sizes: readonly string[];
  /** Relative frequency among generated VMs; 0 keeps a role for the showcase only. */
  readonly weight: number;
  /** Serves HTTP to the internet (80/443 open on purpose, which is not a finding). */
  readonly publicWeb?: boolean;
}

export const VM_ROLES: readonly VmRole[] = [
  { role: 'web', teams: ['web'], sizes: ['gp.medium', 'gp.large'], weight: 5, publicWeb: true },
  { role: 'api', teams: ['web', 'payments'], sizes: ['gp.large', 'gp.xlarge', 'gp.2xlarge'], weight: 5 },
  { role: 'etl-worker', teams: ['data'], sizes: ['cpu.xlarge', 'cpu.2xlarge'], weight: 3 },
  { role: 'batch', teams: ['data'], sizes: ['cpu.large', 'cpu.xlarge', 'cpu.4xlarge'], weight: 2 },
  { role: 'cache', teams: ['platform', 'payments'], sizes: ['mem.large', 'mem.xlarge'], weight: 2 },
  { role: 'kafka', teams: ['data', 'platform'], sizes: ['mem.xlarge', 'mem.2xlarge'], weight: 2 },
  { role: 'ml-train', teams: ['ml'], sizes: ['gpu.xlarge', 'gpu.2xlarge', 'gpu.4xlarge'], weight: 1 },
  { role: 'inference', teams: ['ml'], sizes: ['gpu.xlarge', 'gpu.2xlarge'], weight: 1 },
  { role: 'jenkins', teams: ['platform'], sizes: ['gp.large', 'gp.xlarge'], weight: 1 },
  { role: 'bastion', teams: ['security', 'platform'], sizes: ['gp.micro', 'gp.small'], weight: 1 },
  { role: 'win-jump', teams: ['platform'], sizes: ['gp.large'], weight: 0 },
];

export const LINUX_IMAGES = ['ubuntu-24.04', 'ubuntu-22.04', 'debian-12', 'rocky-9'] as const;
export const WINDOWS_IMAGE = 'windows-server-2022';

export const REGION_WEIGHTS: readonly (readonly [SimulatedRegion, number])[] = [
  ['sim-us-east', 35],
  ['sim-us-west', 20],
  ['sim-eu-west', 20],
  ['sim-eu-central', 15],
  ['sim-ap-southeast', 10],
];

export type Env = 'prod' | 'staging' | 'dev';
export const ENV_WEIGHTS: readonly (readonly [Env, number])[] = [
  ['prod', 45],
  ['staging', 25],
  ['dev', 30],
];

export const TEAMS = ['platform', 'data', 'ml', 'web', 'payments', 'security'] as const;
export const COST_CENTERS: Readonly<Record<string, string>> = {
  platform: 'cc-1100',
  data: 'cc-2200',
  ml: 'cc-3300',
  web: 'cc-4400',
  payments: 'cc-5500',
  security: 'cc-6600',
};

export const BUCKET_PURPOSES = [
  'assets',
  'raw-logs',
  'backups',
  'exports',
  'datasets',
  'uploads',
  'reports',
] as const;
export const DISK_PURPOSES = ['data', 'logs', 'scratch', 'db', 'backup'] as const;
export const DATABASE_APPS = ['orders', 'users', 'billing', 'inventory', 'analytics', 'sessions'] as const;
export const AI_APPS = ['support-bot', 'rag-search', 'code-review', 'summarizer', 'fraud-triage'] as const;
export const MODELS: Readonly<Record<string, string>> = {
  'llm.small': 'llama-3.1-8b-instruct',
  'llm.medium': 'mistral-small-24b-instruct',
  'llm.large': 'llama-3.1-70b-instruct',
};

export const WORLD = '0.0.0.0/0';
export const tcp = (port: number, cidr: string, toPort?: number): IngressRule =>
  toPort === undefined ? { port, protocol: 'tcp', cidr } : { port, toPort, protocol: 'tcp', cidr };

/** Security groups by purpose, as a careful team would write them. */
export const SECURITY_GROUPS: Readonly<Record<string, readonly IngressRule[]>> = {
  web: [tcp(80, WORLD), tcp(443, WORLD)],
  internal: [tcp(0, '10.0.0.0/8', 65535)],
  db: [tcp(5432, '10.20.0.0/16'), tcp(3306, '10.20.0.0/16')],
  admin: [tcp(22, '10.0.0.0/8')],
  batch: [tcp(8080, '10.30.0.0/16')],
};
export const OPEN_ADMIN_RULES: readonly IngressRule[] = [tcp(22, WORLD), tcp(3389, WORLD)];

/** Least-privilege policies by purpose; the generator swaps in `*` on `*` for the risky ones. */
export const IAM_POLICIES: Readonly<Record<string, readonly IamStatement[]>> = {
  'ci-deploy': [
    { effect: 'Allow', actions: ['compute:StartInstances', 'compute:StopInstances'], resources: ['vm/*'] },
    { effect: 'Allow', actions: ['storage:PutObject'], resources: ['bucket/artifacts/*'] },
  ],
  'read-logs': [{ effect: 'Allow', actions: ['logs:Get*', 'logs:Describe*'], resources: ['log-group/*'] }],
  'etl-access': [
    { effect: 'Allow', actions: ['storage:GetObject', 'storage:PutObject'], resources: ['bucket/data-*/*'] },
  ],
  'backup-writer': [
    { effect: 'Allow', actions: ['storage:PutObject'], resources: ['bucket/backups-*/*'] },
    { effect: 'Deny', actions: ['storage:DeleteObject'], resources: ['bucket/backups-*/*'] },
  ],
  'model-invoke': [{ effect: 'Allow', actions: ['ai:InvokeEndpoint'], resources: ['llm-endpoint/*'] }],
};
export const WILDCARD_STATEMENT: IamStatement = { effect: 'Allow', actions: ['*'], resources: ['*'] };
