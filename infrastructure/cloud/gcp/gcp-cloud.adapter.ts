import { CloudCatalogClient } from '@google-cloud/billing';
import { InstancesClient, RegionsClient } from '@google-cloud/compute';
import {
  CloudPort,
  type CloudConnection,
  type ConnectionInfo,
  type CostLine,
  type CreateResourceSpec,
  type DiscoveredResource,
  type LifecycleOutcome,
  type ResourcePage,
  type ResourceRef,
  type RightsizingHint,
} from '../../../domain/cloud/ports/cloud.port';
import { type LifecycleAction } from '../../../domain/cloud/resource.entity';
import { DomainError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';
import { toDomainError } from './gcp-errors';
import { type GcpCallOptions, inRegions, instancePage, listFirewalls } from './gcp-inventory';
import { machineShape } from './gcp-machine-types';
import { latestOperation, lifecycleOutcome, operationFailure, validateVmSpec } from './gcp-operations';
import {
  instanceExternalId,
  parseExternalId,
  parseTimestamp,
  regionToZone,
  toDiscoveredResource,
  toGcpLabels,
  zoneToRegion,
} from './gcp-mapping';
import { COMPUTE_ENGINE_SERVICE, PriceTable, type RunningInstance, estimateDailyCosts } from './gcp-pricing';
import { type GcpSession, openSession } from './gcp-session';

export interface GcpCloudAdapterOptions {
  /** Clock for the cost estimate's "hours run so far". */
  readonly now?: () => Date;
  /** Deadline of one API call. */
  readonly timeoutMs?: number;
  /** gax retries of idempotent calls (they fire on gRPC codes; REST errors surface at once). */
  readonly maxRetries?: number;
  /**
   * The fetch the Google auth client sends every request with. By default gaxios loads node-fetch
   * (which honours HTTPS_PROXY) through a dynamic `import()`, which jest's CommonJS runtime cannot
   * run; tests hand in Node's global fetch instead.
   */
  readonly fetch?: typeof fetch;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Google Compute Engine VMs through `@google-cloud/compute` (REST transport) and list prices
 * through the Cloud Billing Catalog. Operations are not awaited: callers get the state a VM is
 * heading to, and the next sync reports where it arrived.
 */
export class GcpCloudAdapter extends CloudPort {
  readonly kind = 'gcp' as const;
  private readonly now: () => Date;
  private readonly callOptions: GcpCallOptions;
  private readonly fetch: typeof fetch | undefined;

  constructor(options: GcpCloudAdapterOptions = {}) {
    super();
    this.now = options.now ?? (() => new Date());
    this.fetch = options.fetch;
    this.callOptions = { timeout: options.timeoutMs ?? 60_000, maxRetries: options.maxRetries ?? 2 };
  }

  async testConnection(connection: CloudConnection): Promise<Result<ConnectionInfo>> {
    return this.withSession(connection, async (s) => {
      const client = new RegionsClient(s.clientOptions());
      const [regions] = await client.list({ project: s.project, maxResults: 500 }, this.page());
      return ok({ account: s.project, regions: regions.map((r) => r.name ?? '').filter(Boolean) });
    });
  }

  async listResources(connection: CloudConnection, pageToken: string | null): Promise<Result<ResourcePage>> {
    return this.withSession(connection, async (s) => {
      const [page, firewalls] = await Promise.all([
        instancePage(new InstancesClient(s.clientOptions()), s.project, pageToken, this.callOptions),
        listFirewalls(s, this.callOptions),
      ]);
      const items = inRegions(page.instances, connection.regions).map(({ zone, instance }) =>
        toDiscoveredResource(s.project, zone, instance, firewalls),
      );
      return ok({ items, nextPageToken: page.nextPageToken });
    });
  }

  async create(connection: CloudConnection, spec: CreateResourceSpec): Promise<Result<DiscoveredResource>> {
    const invalid = validateVmSpec(spec);
    if (invalid) return err(invalid);
    return this.withSession(connection, async (s) => {
      const zone = regionToZone(spec.region);
      const labels = toGcpLabels(spec.tags);
      const client = new InstancesClient(s.clientOptions());
      const [lro] = await client.insert(
        {
          project: s.project,
          zone,
          instanceResource: {
            name: spec.name,
            machineType: `zones/${zone}/machineTypes/${spec.size}`,
            disks: [{ boot: true, autoDelete: true, initializeParams: { sourceImage: spec.image } }],
            // No access config: a new VM gets no public IP unless someone adds one on purpose.
            networkInterfaces: [{ network: 'global/networks/default' }],
            labels,
          },
        },
        this.callOptions,
      );
      const operation = latestOperation(lro);
      const failed = operationFailure(operation);
      if (failed) return err(failed);
      const shape = machineShape(spec.size);
      return ok({
        externalId: instanceExternalId(s.project, zone, spec.name),
        name: spec.name,
        region: zoneToRegion(zone),
        type: 'vm',
        size: spec.size,
        state: 'pending',
        providerState: 'PROVISIONING',
        tags: labels,
        costPerHour: null,
        config: {
          publicIp: null,
          terminationProtection: false,
          diskEncrypted: true,
          image: spec.image,
          ...(shape ? { cpus: shape.vcpus, memoryGb: shape.memoryGb } : {}),
        },
        createdAt: parseTimestamp(operation.insertTime),
      });
    });
  }

  async act(
    connection: CloudConnection,
    resource: ResourceRef,
    action: LifecycleAction,
  ): Promise<Result<LifecycleOutcome>> {
    if (resource.type !== 'vm') {
      return err(
        new DomainError(
          'unprocessable',
          `the GCP adapter manages VMs, not a ${resource.type}`,
          'provider_rejected',
        ),
      );
    }
    const ref = parseExternalId(resource.externalId);
    if (!ref) {
      return err(
        DomainError.validation('not a Compute Engine instance id', [
          { path: 'externalId', message: 'expected projects/{project}/zones/{zone}/instances/{name}' },
        ]),
      );
    }
    return this.withSession(connection, async (s) => {
      // The connection's credentials act on the connection's project, never on one an id names.
      if (ref.project !== s.project) {
        return err(
          new DomainError(
            'not_found',
            `instance ${ref.name} is not in project ${s.project}`,
            'provider_not_found',
          ),
        );
      }
      const client = new InstancesClient(s.clientOptions());
      const request = { project: ref.project, zone: ref.zone, instance: ref.name };
      const [lro] =
        action === 'start'
          ? await client.start(request, this.callOptions)
          : action === 'stop'
            ? await client.stop(request, this.callOptions)
            : await client.delete(request, this.callOptions);
      const operation = latestOperation(lro);
      const failed = operationFailure(operation);
      if (failed) return err(failed);
      return ok(lifecycleOutcome(action, operation));
    });
  }

  /** Estimated, see `estimateDailyCosts`: GCP offers no billed-cost API outside the BigQuery export. */
  async costs(
    connection: CloudConnection,
    range: { readonly from: string; readonly to: string },
  ): Promise<Result<readonly CostLine[]>> {
    if (
      !DAY.test(range.from) ||
      !DAY.test(range.to) ||
      Number.isNaN(Date.parse(range.from)) ||
      Number.isNaN(Date.parse(range.to))
    ) {
      return err(
        DomainError.validation('cost range days must be YYYY-MM-DD', [
          { path: 'range', message: 'expected YYYY-MM-DD' },
        ]),
      );
    }
    if (range.from >= range.to) return ok([]);
    return this.withSession(connection, async (s) => {
      const running: RunningInstance[] = [];
      const instances = new InstancesClient(s.clientOptions());
      let token: string | null = null;
      do {
        const page = await instancePage(instances, s.project, token, this.callOptions);
        for (const { zone, instance } of inRegions(page.instances, connection.regions)) {
          const shape =
            instance.status === 'RUNNING' && instance.machineType ? machineShape(instance.machineType) : null;
          const since =
            parseTimestamp(instance.lastStartTimestamp) ?? parseTimestamp(instance.creationTimestamp);
          if (!shape || shape.custom || !since) continue;
          const externalId = instanceExternalId(s.project, zone, instance.name ?? '');
          running.push({ externalId, region: zoneToRegion(zone), shape, since });
        }
        token = page.nextPageToken;
      } while (token);
      if (running.length === 0) return ok([]);
      const prices = new PriceTable(running.map((r) => ({ family: r.shape.family, region: r.region })));
      const catalog = new CloudCatalogClient(s.clientOptions());
      const skus = catalog.listSkusAsync(
        { parent: COMPUTE_ENGINE_SERVICE, currencyCode: 'USD', pageSize: 5000 },
        { ...this.callOptions, autoPaginate: false },
      );
      // The catalog runs to thousands of SKUs; stop reading once every needed price is known.
      for await (const sku of skus) if (prices.add(sku)) break;
      return ok(estimateDailyCosts(running, prices, range, this.now()));
    });
  }

  /** Google's Recommender API would supply this, but its client is not part of this build. */
  async rightsizing(_connection: CloudConnection): Promise<Result<readonly RightsizingHint[]>> {
    return ok([]);
  }

  private async withSession<T>(
    connection: CloudConnection,
    work: (session: GcpSession) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const opened = openSession(connection.credentials, this.fetch);
    if (!opened.ok) return opened;
    try {
      return await work(opened.value);
    } catch (error) {
      return err(toDomainError(error, opened.value.secrets));
    }
  }

  private page(): { timeout: number; maxRetries: number; autoPaginate: false } {
    return { ...this.callOptions, autoPaginate: false };
  }
}
