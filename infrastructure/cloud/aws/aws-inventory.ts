import {
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  type EC2Client,
  type Instance,
  type SecurityGroup,
  type Volume,
} from '@aws-sdk/client-ec2';
import { type DiscoveredResource } from '../../../domain/cloud/ports/cloud.port';
import { ENVIRONMENT_TAG_KEYS, tagValues } from '../../../domain/cloud/threats/tags';
import { DomainError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';
import {
  type InstanceFacts,
  instanceGroupIds,
  instanceVolumeIds,
  tagRecord,
  toDiscoveredInstance,
} from './aws-mapping';

/** Where the inventory walk stands: which region, and EC2's NextToken inside it. */
export interface InventoryCursor {
  /** The regions walked, fixed at the first page so a walk does not shift under its own feet. */
  readonly regions: readonly string[];
  readonly index: number;
  readonly next: string | null;
}

const PAGE_SIZE = 100;
/** EC2 accepts up to 200 values in one filter. */
const FILTER_CHUNK = 200;
const ATTRIBUTE_CONCURRENCY = 4;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const PRODUCTION = new Set(['prod', 'production']);

export function isAwsRegion(value: string): boolean {
  return REGION.test(value);
}

export function encodeCursor(cursor: InventoryCursor): string {
  return `v1.${Buffer.from(JSON.stringify({ r: cursor.regions, i: cursor.index, t: cursor.next })).toString('base64url')}`;
}

/** Region names pick the API host, so a token is accepted only if every one looks like a region. */
export function decodeCursor(token: string): Result<InventoryCursor> {
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
  const { r, i, t } = parsed as Record<string, unknown>;
  if (!Array.isArray(r) || !r.every((x) => typeof x === 'string' && isAwsRegion(x))) return invalid;
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= r.length) return invalid;
  if (t !== null && typeof t !== 'string') return invalid;
  return ok({ regions: r as string[], index: i, next: t });
}

/** The regions enabled for the account, sorted so every walk visits them in the same order. */
export async function enabledRegions(ec2: EC2Client): Promise<string[]> {
  const out = await ec2.send(new DescribeRegionsCommand({}));
  const names = (out.Regions ?? []).map((r) => r.RegionName).filter((n): n is string => !!n);
  return [...new Set(names)].sort();
}

/**
 * One page of instances. A region with no instances is skipped within the same call, so callers do
 * not page through a string of empty answers.
 */
export async function readInstancePage(
  ec2: (region: string) => EC2Client,
  cursor: InventoryCursor,
): Promise<{ items: DiscoveredResource[]; next: InventoryCursor | null }> {
  const { regions } = cursor;
  let { index, next } = cursor;
  while (index < regions.length) {
    const region = regions[index];
    const client = ec2(region);
    // Terminated instances are listed on purpose: the sync learns of terminations from them.
    const out = await client.send(
      new DescribeInstancesCommand({ MaxResults: PAGE_SIZE, ...(next ? { NextToken: next } : {}) }),
    );
    const instances = (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).filter((i) => i.InstanceId);
    const following: InventoryCursor | null = out.NextToken
      ? { regions, index, next: out.NextToken }
      : index + 1 < regions.length
        ? { regions, index: index + 1, next: null }
        : null;
    if (instances.length > 0 || out.NextToken) {
      const facts = await gatherFacts(client, instances);
      return { items: instances.map((i) => toDiscoveredInstance(i, region, facts)), next: following };
    }
    index += 1;
    next = null;
  }
  return { items: [], next: null };
}

/** Security groups, volumes and termination protection for one page of instances. */
export async function gatherFacts(client: EC2Client, instances: readonly Instance[]): Promise<InstanceFacts> {
  const groupIds = [...new Set(instances.flatMap(instanceGroupIds))];
  const volumeIds = [...new Set(instances.flatMap(instanceVolumeIds))];
  const groups = new Map<string, SecurityGroup>();
  const volumes = new Map<string, Volume>();
  // Filters rather than GroupIds/VolumeIds: an id deleted since the listing drops out instead of
  // failing the whole page with InvalidGroup.NotFound.
  for (const chunk of chunks(groupIds, FILTER_CHUNK)) {
    const out = await client.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: chunk }] }),
    );
    for (const group of out.SecurityGroups ?? []) if (group.GroupId) groups.set(group.GroupId, group);
  }
  for (const chunk of chunks(volumeIds, FILTER_CHUNK)) {
    const out = await client.send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'volume-id', Values: chunk }] }),
    );
    for (const volume of out.Volumes ?? []) if (volume.VolumeId) volumes.set(volume.VolumeId, volume);
  }
  return { groups, volumes, terminationProtection: await terminationProtection(client, instances) };
}

/**
 * `disableApiTermination` is not part of DescribeInstances and costs one call per instance, so it
 * is read only where a rule uses it: live instances tagged env/environment = prod/production. For
 * the rest it stays undefined, which the rules read as "not known" rather than "off".
 */
async function terminationProtection(
  client: EC2Client,
  instances: readonly Instance[],
): Promise<Map<string, boolean>> {
  const ids = instances
    .filter((i) => i.State?.Name !== 'terminated' && i.State?.Name !== 'shutting-down' && isProduction(i))
    .map((i) => i.InstanceId as string);
  const out = new Map<string, boolean>();
  for (const chunk of chunks(ids, ATTRIBUTE_CONCURRENCY)) {
    const answers = await Promise.all(
      chunk.map((id) =>
        client.send(
          new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'disableApiTermination' }),
        ),
      ),
    );
    answers.forEach((answer, n) => out.set(chunk[n], answer.DisableApiTermination?.Value === true));
  }
  return out;
}

/** The threat rules' own reading of the environment tags, so both agree on what production is. */
function isProduction(instance: Instance): boolean {
  const tags = tagRecord(instance.Tags);
  return ENVIRONMENT_TAG_KEYS.some((key) =>
    tagValues(tags, key).some((value) => PRODUCTION.has(value.trim().toLowerCase())),
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
