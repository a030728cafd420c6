import { FirewallsClient, type InstancesClient, type protos } from '@google-cloud/compute';
import { classifyGcpError } from './gcp-errors';
import { type GcpFirewall, type GcpInstance, zoneToRegion } from './gcp-mapping';
import { type GcpSession } from './gcp-session';

/** Per-call gax settings (deadline, retries of idempotent calls). */
export interface GcpCallOptions {
  readonly timeout: number;
  readonly maxRetries: number;
}

export interface ZonedInstance {
  readonly zone: string;
  readonly instance: GcpInstance;
}

type ScopedInstances = Readonly<Record<string, { readonly instances?: readonly GcpInstance[] | null }>>;
type AggregatedListCall = (
  request: protos.google.cloud.compute.v1.IAggregatedListInstancesRequest,
  options: object,
) => Promise<[unknown, unknown, { items?: ScopedInstances | null; nextPageToken?: string | null }]>;

const PAGE_SIZE = 100;

/**
 * One page of `instances.aggregatedList`. The generated client only offers an auto-paging async
 * iterator for it, which hides GCP's page token, so this calls the paged method underneath with
 * `autoPaginate: false` and hands GCP's `nextPageToken` through as the port's opaque token.
 */
export async function instancePage(
  client: InstancesClient,
  project: string,
  pageToken: string | null,
  callOptions: GcpCallOptions,
): Promise<{ instances: ZonedInstance[]; nextPageToken: string | null }> {
  await client.initialize();
  const aggregatedList = client.innerApiCalls.aggregatedList as AggregatedListCall;
  const [, , raw] = await aggregatedList(
    { project, maxResults: PAGE_SIZE, ...(pageToken ? { pageToken } : {}) },
    { ...callOptions, autoPaginate: false },
  );
  const instances: ZonedInstance[] = [];
  for (const [scope, scoped] of Object.entries(raw.items ?? {})) {
    // Scopes are `zones/us-central1-a`; empty ones carry only a NO_RESULTS_ON_PAGE warning.
    const zone = scope.slice(scope.lastIndexOf('/') + 1);
    for (const instance of scoped.instances ?? []) instances.push({ zone, instance });
  }
  return { instances, nextPageToken: raw.nextPageToken || null };
}

/** All firewall rules of the project; null when the credentials may not read them. */
export async function listFirewalls(
  s: GcpSession,
  callOptions: GcpCallOptions,
): Promise<readonly GcpFirewall[] | null> {
  try {
    const [rules] = await new FirewallsClient(s.clientOptions()).list({ project: s.project }, callOptions);
    return rules;
  } catch (error) {
    if (classifyGcpError(error).kind === 'auth') return null;
    throw error;
  }
}

/** Keeps instances in the chosen regions; every region when none were chosen. */
export function inRegions(items: readonly ZonedInstance[], regions: readonly string[]): ZonedInstance[] {
  if (regions.length === 0) return [...items];
  const wanted = new Set(regions);
  return items.filter((item) => wanted.has(zoneToRegion(item.zone)));
}
