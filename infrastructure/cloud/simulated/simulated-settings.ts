import { type CloudConnection } from '../../../domain/cloud/ports/cloud.port';
import { DomainError, type FieldError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';
import { GLOBAL_REGION, SIMULATED_REGIONS, isSimulatedRegion } from './price-table';
import { DEFAULT_SEED, DEFAULT_SIZE, MAX_SIZE, seedTag } from './simulated-inventory';
import { type SimulatedResourceRecord } from './simulated-resource';

/** What a connection means to the simulated cloud. */
export interface SimulatedSettings {
  readonly seed: string;
  readonly size: number;
  readonly tag: string;
  readonly regions: readonly string[];
}

/**
 * Reads `seed` and `size` from the credentials and checks the chosen regions. Unknown regions are
 * refused rather than matched to nothing: `us-east-1` on the simulated cloud is a typo to report,
 * not an empty account.
 */
export function simulatedSettings(connection: CloudConnection): Result<SimulatedSettings> {
  const fields: FieldError[] = [];
  if (connection.credentials.kind !== 'simulated') {
    fields.push({
      path: 'credentials',
      message: `expected simulated credentials, got ${connection.credentials.kind}`,
    });
  }
  const seed = connection.credentials.get('seed') ?? DEFAULT_SEED;
  const rawSize = connection.credentials.get('size') ?? String(DEFAULT_SIZE);
  const size = /^\d{1,6}$/.test(rawSize) ? Number(rawSize) : NaN;
  if (!(size >= 1 && size <= MAX_SIZE)) {
    fields.push({ path: 'credentials.size', message: `expected a whole number from 1 to ${MAX_SIZE}` });
  }
  connection.regions.forEach((region, i) => {
    if (!isSimulatedRegion(region)) {
      fields.push({
        path: `regions.${i}`,
        message: `not a simulated region (${SIMULATED_REGIONS.join(', ')})`,
      });
    }
  });
  if (fields.length > 0) return err(DomainError.validation('invalid simulated cloud connection', fields));
  return ok({ seed, size, tag: seedTag(seed), regions: connection.regions });
}

/** Inside the chosen regions; global resources (IAM) belong to every choice. */
export function inScope(record: SimulatedResourceRecord, regions: readonly string[]): boolean {
  return regions.length === 0 || record.region === GLOBAL_REGION || regions.includes(record.region);
}
