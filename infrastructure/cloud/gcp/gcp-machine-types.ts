/** What a machine type name tells without asking the MachineTypes API. */
export interface MachineShape {
  /** `n1`, `n2`, `e2`… */
  readonly family: string;
  readonly vcpus: number;
  /** GiB (Google's "GB" in machine type docs is GiB, and the RAM SKUs bill per GiB-hour). */
  readonly memoryGb: number;
  /** vCPUs on the bill: shared-core E2 types bill a fraction of a core. */
  readonly billedVcpus: number;
  /** Custom shapes bill through their own "Custom Instance" SKUs, which the price table does not hold. */
  readonly custom: boolean;
}

/** GiB of memory per vCPU for the predefined series we know. */
const MEMORY_PER_VCPU: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  n1: { standard: 3.75, highmem: 6.5, highcpu: 0.9 },
  n2: { standard: 4, highmem: 8, highcpu: 1 },
  e2: { standard: 4, highmem: 8, highcpu: 1 },
};

/** E2 shared-core types: 2 vCPUs visible to the guest, a fraction billed. */
const SHARED_CORE: Readonly<Record<string, MachineShape>> = {
  'e2-micro': { family: 'e2', vcpus: 2, memoryGb: 1, billedVcpus: 0.25, custom: false },
  'e2-small': { family: 'e2', vcpus: 2, memoryGb: 2, billedVcpus: 0.5, custom: false },
  'e2-medium': { family: 'e2', vcpus: 2, memoryGb: 4, billedVcpus: 1, custom: false },
};

const PREDEFINED = /^([a-z]\d[a-z]?)-(standard|highmem|highcpu)-(\d+)$/;
/** `custom-4-5120` (N1), `n2-custom-4-8192`, `e2-custom-2-4096-ext`: vCPUs, then MiB. */
const CUSTOM = /^(?:([a-z]\d[a-z]?)-)?custom-(\d+)-(\d+)(?:-ext)?$/;

/**
 * Shape of a machine type from its name (`n1-standard-4`, or a URL ending in one). Null for
 * names we cannot read (GPU series, f1-micro, memory-optimised…): callers leave the facts unset.
 */
export function machineShape(machineType: string): MachineShape | null {
  const name = machineType.slice(machineType.lastIndexOf('/') + 1);
  const shared = SHARED_CORE[name];
  if (shared) return shared;
  const predefined = PREDEFINED.exec(name);
  if (predefined) {
    const [, family, kind, count] = predefined;
    const perVcpu = MEMORY_PER_VCPU[family]?.[kind];
    if (perVcpu === undefined) return null;
    const vcpus = Number(count);
    return { family, vcpus, memoryGb: round(vcpus * perVcpu), billedVcpus: vcpus, custom: false };
  }
  const custom = CUSTOM.exec(name);
  if (custom) {
    const vcpus = Number(custom[2]);
    return {
      family: custom[1] ?? 'n1',
      vcpus,
      memoryGb: round(Number(custom[3]) / 1024),
      billedVcpus: vcpus,
      custom: true,
    };
  }
  return null;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
