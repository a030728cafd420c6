import { createHash } from 'node:crypto';
import { ComputeManagementClient } from '@azure/arm-compute';
import { ConsumptionManagementClient } from '@azure/arm-consumption';
import {
  type CloudConnection,
  CloudPort,
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
import { type AzureSettings, AzureClientSecretCredential, readAzureSettings } from './azure-credential';
import { ArmFailureRecorder, azureFailure } from './azure-errors';
import { FIRST_PAGE, decodeCursor, encodeCursor, readVmPage } from './azure-inventory';
import { formatVmId, normalizeRegion, parseVmId } from './azure-mapping';
import { aggregateUsage, usageFilter } from './azure-usage';
import { buildVmCreation } from './azure-vm-spec';

export interface AzureCloudAdapterOptions {
  /** SDK retries on throttling, 5xx and network errors (exponential back-off); tests use 0. */
  readonly maxRetries?: number;
  /** Budget for one port call, all of its ARM requests included. */
  readonly timeoutMs?: number;
  /** Milliseconds since the epoch; decides when a cached token is too old. */
  readonly clock?: () => number;
}

interface AzureClients {
  readonly settings: AzureSettings;
  readonly compute: ComputeManagementClient;
  readonly consumption: ConsumptionManagementClient;
  readonly signal: AbortSignal;
  readonly failures: ArmFailureRecorder;
}

/** Credentials kept for token reuse; past this many the oldest are forgotten. */
const MAX_CREDENTIALS = 500;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Azure through ARM: VMs with `@azure/arm-compute`, spend with `@azure/arm-consumption`, tokens
 * from a small client-credentials flow. Lifecycle calls return once ARM has accepted the
 * long-running operation; the next sync observes where it ended.
 */
export class AzureCloudAdapter extends CloudPort {
  readonly kind = 'azure' as const;
  private readonly credentials = new Map<string, AzureClientSecretCredential>();
  private readonly maxRetries: number;
  private readonly timeoutMs: number;
  private readonly clock: () => number;

  constructor(options: AzureCloudAdapterOptions = {}) {
    super();
    this.maxRetries = options.maxRetries ?? 3;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.clock = options.clock ?? Date.now;
  }

  async testConnection(connection: CloudConnection): Promise<Result<ConnectionInfo>> {
    return this.call(connection, async ({ settings, compute, signal }) => {
      const first = await compute.virtualMachines
        .listAll({ statusOnly: 'true', abortSignal: signal })
        .byPage()
        .next();
      const seen = first.done ? [] : first.value.map((vm) => normalizeRegion(vm.location));
      const regions = connection.regions.length > 0 ? [...connection.regions] : [...new Set(seen)].sort();
      return ok({ account: settings.subscriptionId, regions });
    });
  }

  async listResources(connection: CloudConnection, pageToken: string | null): Promise<Result<ResourcePage>> {
    return this.call(connection, async ({ settings, compute, signal }) => {
      const cursor =
        pageToken === null
          ? ok(FIRST_PAGE)
          : decodeCursor(pageToken, settings.armEndpoint, settings.subscriptionId);
      if (!cursor.ok) return cursor;
      const page = await readVmPage(compute, cursor.value, connection.regions, signal);
      return ok({ items: page.items, nextPageToken: page.next ? encodeCursor(page.next) : null });
    });
  }

  async create(connection: CloudConnection, spec: CreateResourceSpec): Promise<Result<DiscoveredResource>> {
    const creation = buildVmCreation(spec);
    if (!creation.ok) return creation;
    const { resourceGroup, parameters } = creation.value;
    return this.call(connection, async ({ settings, compute, signal }) => {
      // Only the PUT is awaited: provisioning takes minutes, and the inventory sync follows it.
      const poller = compute.virtualMachines.createOrUpdate(resourceGroup, spec.name, parameters, {
        abortSignal: signal,
      });
      await poller.submitted();
      return ok({
        externalId: formatVmId({ subscriptionId: settings.subscriptionId, resourceGroup, name: spec.name }),
        name: spec.name,
        region: normalizeRegion(spec.region),
        type: 'vm',
        size: spec.size,
        state: 'pending',
        providerState: 'creating',
        tags: parameters.tags ?? {},
        costPerHour: null,
        config: spec.image ? { image: spec.image } : {},
        createdAt: null,
      });
    });
  }

  async act(
    connection: CloudConnection,
    resource: ResourceRef,
    action: LifecycleAction,
  ): Promise<Result<LifecycleOutcome>> {
    if (resource.type !== 'vm') {
      return err(DomainError.validation(`the Azure adapter manages VMs, not a ${resource.type}`));
    }
    const address = parseVmId(resource.externalId);
    if (!address) return err(DomainError.validation(`${resource.externalId} is not an Azure VM id`));
    return this.call<LifecycleOutcome>(connection, async ({ settings, compute, signal }) => {
      // The SDK puts the connection's subscription in the URL whatever the id says.
      if (address.subscriptionId.toLowerCase() !== settings.subscriptionId.toLowerCase()) {
        return err(DomainError.validation('this VM belongs to another subscription than the connection'));
      }
      const { resourceGroup, name } = address;
      const vms = compute.virtualMachines;
      const options = { abortSignal: signal };
      if (action === 'start') {
        await vms.start(resourceGroup, name, options).submitted();
        return ok({ state: 'running', providerState: 'starting' });
      }
      if (action === 'stop') {
        // Deallocate, not power off: a powered-off VM keeps its hardware and is billed for it.
        await vms.deallocate(resourceGroup, name, options).submitted();
        return ok({ state: 'stopped', providerState: 'deallocating' });
      }
      await vms.delete(resourceGroup, name, options).submitted();
      return ok({ state: 'terminated', providerState: 'deleting' });
    });
  }

  async costs(
    connection: CloudConnection,
    range: { readonly from: string; readonly to: string },
  ): Promise<Result<readonly CostLine[]>> {
    if (!DAY.test(range.from) || !DAY.test(range.to)) {
      return err(DomainError.validation('cost range days must be YYYY-MM-DD'));
    }
    if (range.from >= range.to) return ok([]);
    return this.call(connection, async ({ settings, consumption, signal }) => {
      const details = consumption.usageDetails.list(`subscriptions/${settings.subscriptionId}`, {
        filter: usageFilter(range),
        // Legacy lines name their service only inside meterDetails, which is left out unless asked for.
        expand: 'properties/meterDetails',
        abortSignal: signal,
      });
      return aggregateUsage(details, range);
    });
  }

  /** Azure Advisor computes right-sizing, but no installed SDK reaches it. */
  async rightsizing(_connection: CloudConnection): Promise<Result<readonly RightsizingHint[]>> {
    return ok([]);
  }

  private async call<T>(
    connection: CloudConnection,
    work: (clients: AzureClients) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const settings = readAzureSettings(connection);
    if (!settings.ok) return settings;
    const clients = this.clients(settings.value);
    try {
      return await work(clients);
    } catch (error) {
      return azureFailure(error, [settings.value.clientSecret], clients.failures);
    }
  }

  private clients(settings: AzureSettings): AzureClients {
    const credential = this.credential(settings);
    const retryOptions = { maxRetries: this.maxRetries };
    const compute = new ComputeManagementClient(credential, settings.subscriptionId, {
      endpoint: settings.armEndpoint,
      credentials: { scopes: [settings.scope] },
      retryOptions,
    });
    const consumption = new ConsumptionManagementClient(credential, settings.subscriptionId, {
      endpoint: settings.armEndpoint,
      $host: settings.armEndpoint,
      credentialScopes: [settings.scope],
      retryOptions,
    });
    const failures = new ArmFailureRecorder();
    const signal = AbortSignal.timeout(this.timeoutMs);
    for (const pipeline of [compute.pipeline, consumption.pipeline]) {
      pipeline.addPolicy({
        name: 'cockpitCallScope',
        sendRequest: async (request, next) => {
          // The SDKs follow nextLinks without the caller's options, so the time budget is attached here.
          request.abortSignal ??= signal;
          return failures.observe(await next(request));
        },
      });
    }
    return { settings, compute, consumption, signal, failures };
  }

  /** One credential (and so one cached token) per service principal and secret. */
  private credential(settings: AzureSettings): AzureClientSecretCredential {
    const key = createHash('sha256')
      .update(
        JSON.stringify([settings.authorityHost, settings.tenantId, settings.clientId, settings.clientSecret]),
      )
      .digest('hex');
    let credential = this.credentials.get(key);
    if (!credential) {
      if (this.credentials.size >= MAX_CREDENTIALS) {
        this.credentials.delete(this.credentials.keys().next().value as string);
      }
      credential = new AzureClientSecretCredential(settings, this.clock, this.timeoutMs);
      this.credentials.set(key, credential);
    }
    return credential;
  }
}
