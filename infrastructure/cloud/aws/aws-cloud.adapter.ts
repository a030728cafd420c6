import { randomUUID } from 'node:crypto';
import {
  DescribeSecurityGroupsCommand,
  type InstanceStateChange,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  type Tag,
  TerminateInstancesCommand,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
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
import { readCosts, readRightsizing } from './aws-billing';
import {
  type AwsClientFactory,
  AwsSession,
  COST_EXPLORER_REGION,
  SdkAwsClientFactory,
  readAwsSettings,
  secretsOf,
} from './aws-clients';
import { awsErrorCode, awsFailure } from './aws-errors';
import { decodeCursor, enabledRegions, encodeCursor, isAwsRegion, readInstancePage } from './aws-inventory';
import { NO_FACTS, instanceState, toDiscoveredInstance } from './aws-mapping';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;
/** Where account-wide calls go when the user chose no region. */
const HOME_REGION = COST_EXPLORER_REGION;

/**
 * AWS through the official SDK v3: EC2 for inventory and lifecycle, Cost Explorer for spend and
 * right-sizing. Lifecycle calls return the state EC2 reports at once (`stopping`, `pending`…); the
 * next sync observes where it ended.
 */
export class AwsCloudAdapter extends CloudPort {
  readonly kind = 'aws' as const;

  constructor(private readonly clients: AwsClientFactory = new SdkAwsClientFactory()) {
    super();
  }

  /**
   * STS GetCallerIdentity would name the account directly, but no STS client is installed; the
   * owner of a security group is the same account, and every VPC has a default group.
   */
  async testConnection(connection: CloudConnection): Promise<Result<ConnectionInfo>> {
    const checked = checkRegions(connection);
    if (!checked.ok) return checked;
    return this.call(connection, async (session) => {
      const home = connection.regions[0] ?? HOME_REGION;
      const ec2 = session.ec2(home);
      const regions = await enabledRegions(ec2);
      const groups = await ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 5 }));
      const account = groups.SecurityGroups?.find((g) => g.OwnerId)?.OwnerId ?? 'unknown';
      return ok({ account, regions });
    });
  }

  async listResources(connection: CloudConnection, pageToken: string | null): Promise<Result<ResourcePage>> {
    const decoded = pageToken === null ? null : decodeCursor(pageToken);
    if (decoded && !decoded.ok) return decoded;
    const checked = checkRegions(connection);
    if (!checked.ok) return checked;
    return this.call(connection, async (session) => {
      const cursor = decoded
        ? decoded.value
        : { regions: await this.regionsToWalk(connection, session), index: 0, next: null };
      if (cursor.regions.length === 0) return ok({ items: [], nextPageToken: null });
      const page = await readInstancePage((region) => session.ec2(region), cursor);
      return ok({ items: page.items, nextPageToken: page.next ? encodeCursor(page.next) : null });
    });
  }

  async create(connection: CloudConnection, spec: CreateResourceSpec): Promise<Result<DiscoveredResource>> {
    if (!spec.image) {
      return err(
        DomainError.validation('image (an AMI id) is required for AWS', [
          { path: 'image', message: 'give an AMI id such as ami-0abcdef1234567890' },
        ]),
      );
    }
    if (!isAwsRegion(spec.region)) return err(DomainError.validation(`${spec.region} is not an AWS region`));
    const image = spec.image;
    return this.call(connection, async (session) => {
      // The Name tag carries the resource's name; a `Name` among the tags would contradict it.
      const tags: Tag[] = [
        { Key: 'Name', Value: spec.name },
        ...Object.entries(spec.tags)
          .filter(([key]) => key !== 'Name')
          .map(([Key, Value]) => ({ Key, Value })),
      ];
      const out = await session.ec2(spec.region).send(
        new RunInstancesCommand({
          ImageId: image,
          InstanceType: spec.size as _InstanceType,
          MinCount: 1,
          MaxCount: 1,
          // The SDK retries on 5xx and network errors; the token makes a retried launch the same launch.
          ClientToken: randomUUID(),
          TagSpecifications: [
            { ResourceType: 'instance', Tags: tags },
            // Tagged volumes keep cost allocation by tag honest: EBS is billed apart from the instance.
            { ResourceType: 'volume', Tags: tags },
          ],
        }),
      );
      const instance = out.Instances?.[0];
      if (!instance?.InstanceId) {
        return err(
          DomainError.upstream('AWS accepted the launch but returned no instance', 'provider_unavailable'),
        );
      }
      return ok(toDiscoveredInstance(instance, spec.region, NO_FACTS));
    });
  }

  async act(
    connection: CloudConnection,
    resource: ResourceRef,
    action: LifecycleAction,
  ): Promise<Result<LifecycleOutcome>> {
    if (resource.type !== 'vm') {
      return err(DomainError.validation(`the AWS adapter manages EC2 instances, not a ${resource.type}`));
    }
    if (!INSTANCE_ID.test(resource.externalId)) {
      return err(DomainError.validation(`${resource.externalId} is not an EC2 instance id`));
    }
    if (!isAwsRegion(resource.region))
      return err(DomainError.validation(`${resource.region} is not an AWS region`));
    return this.call(connection, async (session) => {
      const ec2 = session.ec2(resource.region);
      const InstanceIds = [resource.externalId];
      let changes: InstanceStateChange[] | undefined;
      if (action === 'start') {
        changes = (await ec2.send(new StartInstancesCommand({ InstanceIds }))).StartingInstances;
      } else if (action === 'stop') {
        changes = (await ec2.send(new StopInstancesCommand({ InstanceIds }))).StoppingInstances;
      } else {
        changes = (await ec2.send(new TerminateInstancesCommand({ InstanceIds }))).TerminatingInstances;
      }
      const current = changes?.find((c) => c.InstanceId === resource.externalId)?.CurrentState?.Name;
      const fallback = { start: 'running', stop: 'stopped', terminate: 'terminated' } as const;
      return ok(
        current
          ? { state: instanceState(current), providerState: current }
          : { state: fallback[action], providerState: 'unknown' },
      );
    });
  }

  async costs(
    connection: CloudConnection,
    range: { readonly from: string; readonly to: string },
  ): Promise<Result<readonly CostLine[]>> {
    if (!DAY.test(range.from) || !DAY.test(range.to)) {
      return err(DomainError.validation('cost range days must be YYYY-MM-DD'));
    }
    // Cost Explorer rejects an empty period; an empty range simply has no spend.
    if (range.from >= range.to) return ok([]);
    return this.call(connection, async (session) => ok(await readCosts(session.costExplorer(), range)));
  }

  async rightsizing(connection: CloudConnection): Promise<Result<readonly RightsizingHint[]>> {
    return this.call(connection, async (session) => {
      try {
        return ok(await readRightsizing(session.costExplorer()));
      } catch (error) {
        // Right-sizing is opt-in in Cost Explorer's preferences; until then AWS computes none.
        if (
          awsErrorCode(error) === 'AccessDeniedException' &&
          /opt-in/i.test(String((error as Error).message))
        ) {
          return ok([]);
        }
        throw error;
      }
    });
  }

  private async regionsToWalk(connection: CloudConnection, session: AwsSession): Promise<string[]> {
    return connection.regions.length > 0 ? [...connection.regions] : enabledRegions(session.ec2(HOME_REGION));
  }

  private async call<T>(
    connection: CloudConnection,
    work: (session: AwsSession) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const settings = readAwsSettings(connection);
    if (!settings.ok) return settings;
    const session = new AwsSession(this.clients, settings.value);
    try {
      return await work(session);
    } catch (error) {
      return awsFailure(error, secretsOf(settings.value));
    } finally {
      session.close();
    }
  }
}

/** Region names become API host names, so only region-shaped ones reach the SDK. */
function checkRegions(connection: CloudConnection): Result<void> {
  const invalid = connection.regions.find((r) => !isAwsRegion(r));
  return invalid === undefined
    ? ok(undefined)
    : err(DomainError.validation(`${invalid} is not an AWS region`));
}
