import { type CloudConnection, type CreateResourceSpec } from '../../../domain/cloud/ports/cloud.port';
import { type LifecycleAction, type ResourceType } from '../../../domain/cloud/resource.entity';
import { DomainError, type FieldError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';
import { type MachinePrice, isSimulatedRegion, machinePrice } from './price-table';
import { tcp } from './simulated-catalogue';
import { LIFECYCLE_TYPES, type SimulatedResourceRecord } from './simulated-resource';

const TRANSITIONAL: Readonly<Record<LifecycleAction, string>> = {
  start: 'starting',
  stop: 'stopping',
  terminate: 'shutting-down',
};

/** The provider's word while an action is under way. */
export function transitionalWord(type: ResourceType, action: LifecycleAction): string {
  return action === 'terminate' && !LIFECYCLE_TYPES.has(type) ? 'deleting' : TRANSITIONAL[action];
}

/** The price row of a VM the simulated cloud can create, or the reasons it cannot. */
export function vmSpecPrice(connection: CloudConnection, spec: CreateResourceSpec): Result<MachinePrice> {
  const price = machinePrice(spec.size);
  const fields: FieldError[] = [];
  if (spec.type !== 'vm') fields.push({ path: 'type', message: 'the simulated cloud creates VMs only' });
  if (price?.type !== 'vm')
    fields.push({ path: 'size', message: 'not a simulated VM size (gp.small, cpu.large…)' });
  if (!isSimulatedRegion(spec.region)) {
    fields.push({ path: 'region', message: 'not a simulated region' });
  } else if (connection.regions.length > 0 && !connection.regions.includes(spec.region)) {
    fields.push({ path: 'region', message: 'outside the regions chosen for this provider' });
  }
  if (spec.name.trim().length === 0) fields.push({ path: 'name', message: 'required' });
  if (fields.length > 0 || !price) return err(DomainError.validation('invalid VM spec', fields));
  return ok(price);
}

/** A new VM: provisioning from `now`, running once the delay has passed. */
export function createdVm(input: {
  readonly externalId: string;
  readonly spec: CreateResourceSpec;
  readonly price: MachinePrice;
  readonly now: number;
  readonly provisioningMs: number;
}): SimulatedResourceRecord {
  const { spec, price } = input;
  const at = new Date(input.now).toISOString();
  return {
    externalId: input.externalId,
    name: spec.name.trim(),
    region: spec.region,
    type: 'vm',
    size: spec.size,
    tags: { ...spec.tags },
    config: {
      ingress: [tcp(22, '10.0.0.0/8')],
      publicIp: null,
      terminationProtection: false,
      cpus: price.cpus,
      memoryGb: price.memoryGb,
      image: spec.image ?? 'ubuntu-24.04',
    },
    createdAt: at,
    storageGb: null,
    history: [
      { at, state: 'pending', providerState: 'provisioning' },
      { at: new Date(input.now + input.provisioningMs).toISOString(), state: 'running' },
    ],
  };
}
