import { asTenantId } from '../shared/tenant-id';
import { type WorkloadFacts } from './workload-facts';
import { type Workload } from './workload.entity';

/** Test-data builder: a medium-criticality Linux web tier unless the overrides say otherwise. */
export function someFacts(overrides: Partial<WorkloadFacts> = {}): WorkloadFacts {
  return {
    name: 'web-01',
    environment: 'production',
    os: 'Ubuntu 22.04',
    cpu: 4,
    memoryGb: 16,
    storageGb: 100,
    utilization: { cpuP50: 20, cpuP95: 45, memP95: 60 },
    techStack: ['nginx', 'php'],
    dependencies: [],
    license: null,
    criticality: 'medium',
    dataSensitivity: 'internal',
    ...overrides,
  };
}

export function aWorkload(overrides: Partial<Workload> = {}): Workload {
  const at = new Date('2026-11-23T10:00:00.000Z');
  return {
    ...someFacts(),
    tenantId: asTenantId('00000000-0000-7000-8000-00000000aaaa'),
    id: overrides.id ?? `wl-${overrides.name ?? 'web-01'}`,
    importBatch: 'batch-1',
    assessment: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
