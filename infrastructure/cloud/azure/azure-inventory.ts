import { type ComputeManagementClient, type VirtualMachine } from '@azure/arm-compute';
import { type DiscoveredResource } from '../../../domain/cloud/ports/cloud.port';
import { DomainError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';
import {
  type PowerState,
  normalizeArmId,
  normalizeRegion,
  parseVmId,
  powerState,
  statusCodes,
  toDiscoveredVm,
} from './azure-mapping';

/**
 * Where the inventory walk stands. `List All` with `statusOnly=true` returns power states but no
 * sizes, tags or disks, and without it no power states, so the walk reads both listings side by
 * side: one page of VMs, then status pages until every VM on it has a status. Both are the same
 * subscription listing and come back in the same order, so the statuses read ahead of their VMs
 * (`ahead`, carried in the page token) stay few; if the orders ever differ, the read-ahead grows up
 * to AHEAD_LIMIT, and a VM whose status was not read costs one instance-view call. Per-VM
 * instance views for every VM would cost one ARM read per machine against the throttling budget.
 */
export interface InventoryCursor {
  /** `nextLink` of the VM listing; null for its first page. */
  readonly vms: string | null;
  /** `nextLink` of the status listing; null for its first page (or after its last, with `statusesDone`). */
  readonly statuses: string | null;
  readonly statusesDone: boolean;
  /** Lower-cased ARM id → instance-view codes, for VMs on later pages. */
  readonly ahead: Readonly<Record<string, readonly string[]>>;
}

export const FIRST_PAGE: InventoryCursor = { vms: null, statuses: null, statusesDone: false, ahead: {} };

/** Beyond this many read-ahead statuses the rest are dropped and looked up one by one. */
const AHEAD_LIMIT = 2000;
const INSTANCE_VIEW_CONCURRENCY = 4;

export function encodeCursor(cursor: InventoryCursor): string {
  return `v1.${Buffer.from(JSON.stringify(cursor)).toString('base64url')}`;
}

/**
 * The links inside a page token are followed with the ARM bearer token attached, so a token is only
 * accepted if every link points at this connection's VM listing: a forged token cannot send the
 * bearer token to another host or read another subscription.
 */
export function decodeCursor(
  token: string,
  armEndpoint: string,
  subscriptionId: string,
): Result<InventoryCursor> {
  const invalid = err(
    DomainError.validation('invalid page token', [
      { path: 'pageToken', message: 'not a token this adapter issued' },
    ]),
  );
  if (!token.startsWith('v1.')) return invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token.slice(3), 'base64url').toString('utf8'));
  } catch {
    return invalid;
  }
  if (typeof parsed !== 'object' || parsed === null) return invalid;
  const { vms, statuses, statusesDone, ahead } = parsed as Record<string, unknown>;
  const listing = new URL(
    `${armEndpoint}/subscriptions/${subscriptionId}/providers/Microsoft.Compute/virtualMachines`,
  );
  const isListingLink = (link: unknown) => {
    if (link === null) return true;
    if (typeof link !== 'string') return false;
    try {
      const url = new URL(link);
      return url.origin === listing.origin && url.pathname.toLowerCase() === listing.pathname.toLowerCase();
    } catch {
      return false;
    }
  };
  const aheadOk =
    typeof ahead === 'object' &&
    ahead !== null &&
    Object.values(ahead).every(
      (codes) => Array.isArray(codes) && codes.every((code) => typeof code === 'string'),
    );
  if (
    typeof vms !== 'string' ||
    !isListingLink(vms) ||
    !isListingLink(statuses) ||
    typeof statusesDone !== 'boolean' ||
    !aheadOk
  ) {
    return invalid;
  }
  return ok({
    vms,
    statuses: statuses as string | null,
    statusesDone,
    ahead: ahead as Record<string, string[]>,
  });
}

export interface InventoryPage {
  readonly items: readonly DiscoveredResource[];
  readonly next: InventoryCursor | null;
}

/** Reads one page of VMs with their power states. SDK errors propagate to the caller. */
export async function readVmPage(
  client: ComputeManagementClient,
  cursor: InventoryCursor,
  regions: readonly string[],
  abortSignal: AbortSignal,
): Promise<InventoryPage> {
  const page = await firstPage(client.virtualMachines.listAll({ abortSignal }), cursor.vms);
  const wanted = new Set(regions.map(normalizeRegion));
  const vms = page.items.filter((vm) => wanted.size === 0 || wanted.has(normalizeRegion(vm.location)));

  const known = new Map<string, readonly string[]>(Object.entries(cursor.ahead));
  let statusLink = cursor.statuses;
  let statusesDone = cursor.statusesDone;
  const unmatched = () => vms.some((vm) => !known.has(normalizeArmId(vm.id ?? '')));
  while (!statusesDone && unmatched()) {
    const statusPage = await firstPage(
      client.virtualMachines.listAll({ statusOnly: 'true', abortSignal }),
      statusLink,
    );
    for (const vm of statusPage.items)
      known.set(normalizeArmId(vm.id ?? ''), statusCodes(vm.instanceView?.statuses));
    statusLink = statusPage.next;
    statusesDone = statusLink === null;
  }

  const states = new Map<string, PowerState>();
  for (const vm of vms) {
    const codes = known.get(normalizeArmId(vm.id ?? ''));
    if (codes) states.set(vm.id ?? '', powerState(codes));
  }
  const missing = vms.filter((vm) => !states.has(vm.id ?? ''));
  for (let i = 0; i < missing.length; i += INSTANCE_VIEW_CONCURRENCY) {
    const batch = missing.slice(i, i + INSTANCE_VIEW_CONCURRENCY);
    const looked = await Promise.all(batch.map((vm) => lookUpPowerState(client, vm, abortSignal)));
    batch.forEach((vm, j) => states.set(vm.id ?? '', looked[j]));
  }

  for (const vm of page.items) known.delete(normalizeArmId(vm.id ?? ''));
  const ahead = Object.fromEntries([...known].slice(0, AHEAD_LIMIT));
  return {
    items: vms.map((vm) => toDiscoveredVm(vm, states.get(vm.id ?? '') ?? powerState([]))),
    next: page.next === null ? null : { vms: page.next, statuses: statusLink, statusesDone, ahead },
  };
}

async function lookUpPowerState(
  client: ComputeManagementClient,
  vm: VirtualMachine,
  abortSignal: AbortSignal,
): Promise<PowerState> {
  const address = parseVmId(vm.id ?? '');
  if (!address) return powerState([]);
  try {
    const view = await client.virtualMachines.instanceView(address.resourceGroup, address.name, {
      abortSignal,
    });
    return powerState(statusCodes(view.statuses));
  } catch (error) {
    // Listed a moment ago, gone now: it was deleted in between.
    if (error instanceof Error && (error as { statusCode?: number }).statusCode === 404) {
      return { state: 'terminated', providerState: 'deleted' };
    }
    throw error;
  }
}

async function firstPage(
  listing: ReturnType<ComputeManagementClient['virtualMachines']['listAll']>,
  link: string | null,
): Promise<{ items: VirtualMachine[]; next: string | null }> {
  const result = await listing.byPage(link === null ? undefined : { continuationToken: link }).next();
  if (result.done) return { items: [], next: null };
  return { items: result.value, next: result.value.continuationToken ?? null };
}
