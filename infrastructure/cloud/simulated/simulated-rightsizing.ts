import { type RightsizingHint } from '../../../domain/cloud/ports/cloud.port';
import { HOURS_PER_MONTH, machineHourlyUsd, nextSmallerSize } from './price-table';
import { type SimulatedResourceRecord, type SimulatedStatus } from './simulated-resource';

/** Below both thresholds the next size down still leaves headroom (half the capacity, under 80% busy). */
export const CPU_P95_THRESHOLD = 20;
export const MEMORY_P95_THRESHOLD = 40;

/** Advice for one VM, or null when it is not running, busy enough, or already the smallest size. */
export function rightsizingHint(
  record: SimulatedResourceRecord,
  status: SimulatedStatus,
): RightsizingHint | null {
  const { cpuP95, memoryP95 } = record.config;
  if (record.type !== 'vm' || status.state !== 'running' || record.size === null) return null;
  if (cpuP95 === undefined || memoryP95 === undefined) return null;
  if (cpuP95 >= CPU_P95_THRESHOLD || memoryP95 >= MEMORY_P95_THRESHOLD) return null;
  const smaller = nextSmallerSize(record.size);
  if (!smaller) return null;
  const hourlySavings =
    machineHourlyUsd(record.size, record.region) - machineHourlyUsd(smaller.size, record.region);
  return {
    externalId: record.externalId,
    currentSize: record.size,
    suggestedSize: smaller.size,
    monthlySavingsUsd: Math.round(hourlySavings * HOURS_PER_MONTH * 100) / 100,
    reason:
      `CPU p95 ${cpuP95}% and memory p95 ${memoryP95}% over the last 14 days ` +
      `(below ${CPU_P95_THRESHOLD}% and ${MEMORY_P95_THRESHOLD}%); ` +
      `${smaller.size} has ${smaller.cpus} vCPU and ${smaller.memoryGb} GB.`,
  };
}
