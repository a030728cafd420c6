import {
  type DataDisk,
  type ImageReference,
  type InstanceViewStatus,
  type OSDisk,
  type VirtualMachine,
} from '@azure/arm-compute';
import { type DiscoveredResource } from '../../../domain/cloud/ports/cloud.port';
import { type ResourceConfig, type ResourceState } from '../../../domain/cloud/resource.entity';

export interface PowerState {
  readonly state: ResourceState;
  readonly providerState: string;
}

/**
 * ARM ids are case-insensitive and Azure echoes them in whatever case a resource was created
 * with; cost exports often lower-case them. Inventory and cost lines both use the lower-cased id
 * so that the two join.
 */
export const normalizeArmId = (id: string): string => id.toLowerCase();

/** `East US`, `eastus` and `EastUS` are one region. */
export const normalizeRegion = (region: string): string => region.toLowerCase().replace(/\s+/g, '');

const VM_ID =
  /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.compute\/virtualmachines\/([^/]+)$/i;

export interface VmAddress {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
}

export function parseVmId(id: string): VmAddress | null {
  const match = VM_ID.exec(id);
  return match ? { subscriptionId: match[1], resourceGroup: match[2], name: match[3] } : null;
}

export const formatVmId = (address: VmAddress): string =>
  normalizeArmId(
    `/subscriptions/${address.subscriptionId}/resourceGroups/${address.resourceGroup}` +
      `/providers/Microsoft.Compute/virtualMachines/${address.name}`,
  );

/** The instance-view codes that decide the state, in the compact form the page token carries. */
export function statusCodes(statuses: readonly InstanceViewStatus[] | undefined): string[] {
  return (statuses ?? [])
    .map((status) => status.code ?? '')
    .filter((code) => /^(PowerState|ProvisioningState)\//i.test(code));
}

/**
 * Azure reports two things: provisioning (creating, deleting, failed…) and power. A VM being
 * created or deleted is pending or terminated whatever its power says; otherwise the power state
 * decides, mapped to where it is heading (`starting` is on its way to running, `deallocating` to
 * stopped) as the lifecycle outcomes are. `stopped` without deallocation still bills compute, but
 * the machine is not running, so it is stopped here too; `providerState` keeps the difference.
 */
export function powerState(codes: readonly string[]): PowerState {
  const find = (prefix: string) =>
    codes
      .find((code) => code.toLowerCase().startsWith(prefix))
      ?.slice(prefix.length)
      .toLowerCase();
  const provisioning = find('provisioningstate/')?.split('/')[0];
  const power = find('powerstate/');
  if (provisioning === 'deleting') return { state: 'terminated', providerState: 'deleting' };
  if (provisioning === 'creating') return { state: 'pending', providerState: 'creating' };
  switch (power) {
    case 'running':
    case 'starting':
      return { state: 'running', providerState: power };
    case 'stopping':
    case 'stopped':
    case 'deallocating':
    case 'deallocated':
      return { state: 'stopped', providerState: power };
    default:
      // No power state (still provisioning, or `unknown`): nothing can be started or stopped yet.
      return { state: 'pending', providerState: power ?? provisioning ?? 'unknown' };
  }
}

export function toDiscoveredVm(vm: VirtualMachine, power: PowerState): DiscoveredResource {
  return {
    externalId: normalizeArmId(vm.id ?? ''),
    name: vm.name ?? '',
    region: normalizeRegion(vm.location),
    type: 'vm',
    size: vm.hardwareProfile?.vmSize ?? null,
    state: power.state,
    providerState: power.providerState,
    tags: { ...(vm.tags ?? {}) },
    // Azure's list prices are in the Retail Prices API, which no installed SDK covers.
    costPerHour: null,
    config: vmConfig(vm),
    createdAt: vm.timeCreated ?? null,
  };
}

function vmConfig(vm: VirtualMachine): ResourceConfig {
  const config: { diskEncrypted?: boolean; image?: string } = {};
  const encrypted = disksEncrypted(vm);
  if (encrypted !== undefined) config.diskEncrypted = encrypted;
  const image = imageName(vm.storageProfile?.imageReference);
  if (image) config.image = image;
  return config;
}

/**
 * Azure encrypts every managed disk at rest (server-side encryption with platform keys, which
 * cannot be turned off); customer-managed keys (`diskEncryptionSet`), Azure Disk Encryption
 * (`encryptionSettings`), encryption at host and confidential-disk encryption add to it. So a VM
 * whose disks are all managed, or carry one of those, is encrypted. An unmanaged VHD in a storage
 * account is encrypted by that account, which the VM does not show: then the fact stays unset
 * (unknown) rather than guessed, and so does a VM whose storage profile was not returned.
 */
function disksEncrypted(vm: VirtualMachine): boolean | undefined {
  const storage = vm.storageProfile;
  if (!storage?.osDisk) return undefined;
  const atHost = vm.securityProfile?.encryptionAtHost === true;
  const disks: (OSDisk | DataDisk)[] = [storage.osDisk, ...(storage.dataDisks ?? [])];
  const known = disks.every(
    (disk) =>
      atHost ||
      disk.managedDisk !== undefined ||
      ('encryptionSettings' in disk && disk.encryptionSettings?.enabled === true),
  );
  return known ? true : undefined;
}

/** Marketplace images as the URN `az vm create --image` takes; custom and gallery images by id. */
function imageName(reference: ImageReference | undefined): string | undefined {
  if (!reference) return undefined;
  const { publisher, offer, sku, version } = reference;
  if (publisher && offer && sku) return `${publisher}:${offer}:${sku}:${version ?? 'latest'}`;
  return reference.id ?? reference.sharedGalleryImageId ?? reference.communityGalleryImageId;
}
