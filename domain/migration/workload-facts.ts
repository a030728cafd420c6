/** The facts an inventory gives about a workload, and the goals assessments weigh them with. */
export const ENVIRONMENTS = ['production', 'staging', 'test', 'development', 'dr'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const SENSITIVITIES = ['public', 'internal', 'confidential', 'restricted'] as const;
export type DataSensitivity = (typeof SENSITIVITIES)[number];

/** Percentiles over the observation window, 0–100; null when the source did not measure them. */
export interface Utilization {
  readonly cpuP50: number | null;
  readonly cpuP95: number | null;
  readonly memP95: number | null;
}

/** What an inventory file says about one workload: the facts every assessment starts from. */
export interface WorkloadFacts {
  readonly name: string;
  readonly environment: Environment;
  readonly os: string;
  /** vCPUs (or cores) allocated on premises. */
  readonly cpu: number;
  readonly memoryGb: number;
  readonly storageGb: number;
  readonly utilization: Utilization;
  /** Lower-case technology names, e.g. `java`, `tomcat`, `oracle`. */
  readonly techStack: readonly string[];
  /** Names of the workloads this one calls or needs (not ids: files refer to each other by name). */
  readonly dependencies: readonly string[];
  /** The commercial license it runs under (`oracle-ee`, `windows-server`…), null for none/open source. */
  readonly license: string | null;
  readonly criticality: Criticality;
  readonly dataSensitivity: DataSensitivity;
}

/** Business goals weighted like AWS Migration Hub Strategy Recommendations; relative, not normalised. */
export interface BusinessGoals {
  readonly speedOfMigration: number;
  readonly managedServices: number;
  readonly cloudNative: number;
  readonly licenseCostReduction: number;
}

export const EQUAL_GOALS: BusinessGoals = {
  speedOfMigration: 1,
  managedServices: 1,
  cloudNative: 1,
  licenseCostReduction: 1,
};

/** Names are compared case-insensitively everywhere (files, dependencies, the unique index). */
export const nameKey = (name: string): string => name.trim().toLowerCase();

/** Whether two fact sets differ (a re-import of the same row changes nothing and keeps the assessment). */
export function sameFacts(a: WorkloadFacts, b: WorkloadFacts): boolean {
  return JSON.stringify(factsTuple(a)) === JSON.stringify(factsTuple(b));
}

const factsTuple = (f: WorkloadFacts) => [
  f.name,
  f.environment,
  f.os,
  f.cpu,
  f.memoryGb,
  f.storageGb,
  f.utilization.cpuP50,
  f.utilization.cpuP95,
  f.utilization.memP95,
  f.techStack,
  f.dependencies,
  f.license,
  f.criticality,
  f.dataSensitivity,
];
