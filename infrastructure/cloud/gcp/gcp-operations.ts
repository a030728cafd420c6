import { type protos } from '@google-cloud/compute';
import { type CreateResourceSpec, type LifecycleOutcome } from '../../../domain/cloud/ports/cloud.port';
import { type LifecycleAction, type ResourceState } from '../../../domain/cloud/resource.entity';
import { DomainError } from '../../../domain/shared/domain-error';

type Operation = protos.google.cloud.compute.v1.IOperation;

const VM_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A region (`europe-west1`) or a zone (`europe-west1-b`). */
const REGION_OR_ZONE = /^[a-z]+-[a-z]+\d+(-[a-z])?$/;
const MACHINE_TYPE = /^[a-z][a-z0-9-]*$/;

/** Where an action leaves the VM, and GCP's word for it while the operation runs and once it is done. */
const OUTCOMES: Readonly<Record<LifecycleAction, { state: ResourceState; running: string; done: string }>> = {
  start: { state: 'running', running: 'STAGING', done: 'RUNNING' },
  stop: { state: 'stopped', running: 'STOPPING', done: 'TERMINATED' },
  // GCP has no instance status for deletion; these words stand for "on its way out" and "gone".
  terminate: { state: 'terminated', running: 'DELETING', done: 'DELETED' },
};

/** What the adapter, not GCP, can refuse up front: clearer messages and no half-built request. */
export function validateVmSpec(spec: CreateResourceSpec): DomainError | null {
  const fields: { path: string; message: string }[] = [];
  if (spec.type !== 'vm') fields.push({ path: 'type', message: 'the GCP adapter creates VMs only' });
  if (!VM_NAME.test(spec.name)) {
    fields.push({
      path: 'name',
      message: 'GCP names are 1-63 lower-case letters, digits or -, starting with a letter',
    });
  }
  if (!REGION_OR_ZONE.test(spec.region)) {
    fields.push({ path: 'region', message: 'expected a GCP region or zone such as europe-west1' });
  }
  if (!MACHINE_TYPE.test(spec.size)) {
    fields.push({ path: 'size', message: 'expected a machine type such as e2-medium' });
  }
  if (!spec.image) {
    fields.push({
      path: 'image',
      message: 'required for GCP (e.g. projects/debian-cloud/global/images/family/debian-12)',
    });
  }
  return fields.length > 0 ? DomainError.validation('invalid GCP VM spec', fields) : null;
}

export function lifecycleOutcome(action: LifecycleAction, operation: Operation): LifecycleOutcome {
  const outcome = OUTCOMES[action];
  return {
    state: outcome.state,
    providerState: String(operation.status) === 'DONE' ? outcome.done : outcome.running,
  };
}

/** Compute's insert/start/stop/delete answer with a zonal Operation, wrapped by the SDK. */
export function latestOperation(lro: unknown): Operation {
  return ((lro as { latestResponse?: Operation } | undefined)?.latestResponse ?? {}) as Operation;
}

/** An operation can come back already DONE with errors (quota, a bad image): that is a refusal. */
export function operationFailure(operation: Operation): DomainError | null {
  const first = operation.error?.errors?.[0];
  if (!first) return null;
  const detail = `${first.code ?? 'ERROR'}: ${first.message ?? 'the operation failed'}`;
  return DomainError.conflict(
    `Google Cloud refused the change: ${detail}`.slice(0, 300),
    'provider_rejected',
  );
}
