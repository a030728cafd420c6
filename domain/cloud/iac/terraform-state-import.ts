import { type CloudKind } from '../cloud-kind';
import { type DiscoveredResource } from '../ports/cloud.port';
import { DomainError, type FieldError } from '../../shared/domain-error';
import { type Result, err, ok } from '../../shared/result';
import { type Attributes, bool, isObject, policyStatements, str } from './state-attributes';
import { STATE_MAPPERS } from './terraform-state-mappers';

/** A resource read from a Terraform state, ready to merge into the inventory. */
export interface ImportedResource extends DiscoveredResource {
  readonly kind: CloudKind;
  /** The Terraform address, e.g. `module.net.aws_instance.web[0]`. */
  readonly address: string;
}

export interface TerraformStateImport {
  readonly resources: ImportedResource[];
  readonly skipped: { readonly address: string; readonly reason: string }[];
}

/**
 * S3 moved ACLs, policies and public-access blocks into resources of their own; they say whether
 * a bucket is public, so they are folded into the bucket instead of being imported.
 */
const BUCKET_SUPPLEMENTS = new Set([
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_acl',
  'aws_s3_bucket_policy',
]);
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const PUBLIC_GRANTEE = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;

interface BucketEvidence {
  /** Something in the state speaks about the bucket's exposure; without it we do not guess. */
  known: boolean;
  aclPublic: boolean;
  policyPublic: boolean;
  ignoresPublicAcls: boolean;
  restrictsPublicPolicies: boolean;
}

const invalid = (message: string, field: FieldError): Result<never> =>
  err(DomainError.validation(message, [field], 'invalid_terraform_state'));

/** 1-based line and column of a character offset, for the parse error of a big state file. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function parseJson(text: string): Result<unknown> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const offset = /at position (\d+)/.exec(message);
    return invalid('the state is not valid JSON', {
      path: 'state',
      message,
      ...(offset ? position(text, Number(offset[1])) : {}),
    });
  }
}

function isPublicPolicy(document: string | undefined): boolean {
  return (policyStatements(document) ?? []).some((s) => {
    if (s.Effect !== 'Allow' || s.Condition !== undefined) return false;
    const principal = s.Principal;
    const aws = isObject(principal) ? principal.AWS : undefined;
    return principal === '*' || aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  });
}

function isPublicAcl(attrs: Attributes): boolean {
  const acl = str(attrs, 'acl');
  if (acl !== undefined && PUBLIC_ACLS.has(acl)) return true;
  return PUBLIC_GRANTEE.test(JSON.stringify([attrs.grant ?? null, attrs.access_control_policy ?? null]));
}

function addressOf(entry: Attributes, indexKey?: unknown): string {
  const module = str(entry, 'module');
  const prefix = `${module ? `${module}.` : ''}${entry.mode === 'data' ? 'data.' : ''}`;
  const index =
    typeof indexKey === 'number' || typeof indexKey === 'string' ? `[${JSON.stringify(indexKey)}]` : '';
  return `${prefix}${String(entry.type)}.${String(entry.name)}${index}`;
}

/**
 * Reads a Terraform state file (format version 4, written by Terraform 0.12 and later and by
 * OpenTofu). Malformed entries are skipped with a reason rather than failing the whole import;
 * only a file that is not a v4 state at all is an error. One pass over the instances plus one over
 * the supported ones, so a state of tens of thousands of resources costs linear time.
 */
export function parseTerraformState(text: string): Result<TerraformStateImport> {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const state = parsed.value;
  if (!isObject(state))
    return invalid('the state must be a JSON object', { path: 'state', message: 'expected an object' });
  if (state.version !== 4) {
    const found = typeof state.version === 'number' ? `version ${state.version}` : 'no version';
    return invalid(`unsupported state format: ${found}`, {
      path: 'version',
      message: `expected 4 (Terraform 0.12 and later); found ${found}. Run \`terraform state pull\` with a current Terraform to upgrade it`,
    });
  }
  if (!Array.isArray(state.resources)) {
    return invalid('the state has no resources array', { path: 'resources', message: 'expected an array' });
  }

  const skipped: { address: string; reason: string }[] = [];
  const pending: { address: string; type: string; attrs: Attributes }[] = [];
  const supplements: { address: string; bucket: string | undefined }[] = [];
  const evidence = new Map<string, BucketEvidence>();
  const evidenceFor = (bucket: string): BucketEvidence => {
    let found = evidence.get(bucket);
    if (!found) {
      found = {
        known: false,
        aclPublic: false,
        policyPublic: false,
        ignoresPublicAcls: false,
        restrictsPublicPolicies: false,
      };
      evidence.set(bucket, found);
    }
    return found;
  };

  state.resources.forEach((entry: unknown, i: number) => {
    if (!isObject(entry) || typeof entry.type !== 'string' || typeof entry.name !== 'string') {
      skipped.push({ address: `resources[${i}]`, reason: 'not a resource entry (no type or name)' });
      return;
    }
    if (entry.mode !== 'managed') {
      skipped.push({
        address: addressOf(entry),
        reason: entry.mode === 'data' ? 'data source: read, not managed' : 'unknown mode',
      });
      return;
    }
    const supplement = BUCKET_SUPPLEMENTS.has(entry.type);
    if (!supplement && !STATE_MAPPERS.has(entry.type)) {
      skipped.push({ address: addressOf(entry), reason: `unsupported resource type ${entry.type}` });
      return;
    }
    if (!Array.isArray(entry.instances)) {
      skipped.push({ address: addressOf(entry), reason: 'the resource has no instances array' });
      return;
    }
    for (const instance of entry.instances as unknown[]) {
      const address = addressOf(entry, isObject(instance) ? instance.index_key : undefined);
      if (!isObject(instance) || !isObject(instance.attributes)) {
        skipped.push({
          address,
          reason: 'the instance has no attributes (a pre-0.12 state? refresh it first)',
        });
        continue;
      }
      if (instance.deposed !== undefined) {
        skipped.push({ address, reason: 'deposed object awaiting destruction' });
        continue;
      }
      const attrs = instance.attributes;
      if (entry.type === 'aws_s3_bucket') {
        const bucket = str(attrs, 'bucket') ?? str(attrs, 'id');
        if (bucket) {
          const e = evidenceFor(bucket);
          // Provider versions before 4 kept the ACL and policy on the bucket itself.
          e.aclPublic ||= isPublicAcl(attrs);
          e.policyPublic ||= isPublicPolicy(str(attrs, 'policy'));
          e.known ||=
            e.aclPublic ||
            e.policyPublic ||
            str(attrs, 'acl') !== undefined ||
            str(attrs, 'policy') !== undefined;
        }
      }
      if (!supplement) {
        pending.push({ address, type: entry.type, attrs });
        continue;
      }
      const bucket = str(attrs, 'bucket');
      supplements.push({ address, bucket });
      if (!bucket) continue;
      const e = evidenceFor(bucket);
      e.known = true;
      if (entry.type === 'aws_s3_bucket_acl') e.aclPublic ||= isPublicAcl(attrs);
      if (entry.type === 'aws_s3_bucket_policy') e.policyPublic ||= isPublicPolicy(str(attrs, 'policy'));
      if (entry.type === 'aws_s3_bucket_public_access_block') {
        e.ignoresPublicAcls ||= bool(attrs, 'ignore_public_acls') === true;
        e.restrictsPublicPolicies ||= bool(attrs, 'restrict_public_buckets') === true;
      }
    }
  });

  const publicAccess = (bucket: string): boolean | undefined => {
    const e = evidence.get(bucket);
    if (!e?.known) return undefined;
    return (e.aclPublic && !e.ignoresPublicAcls) || (e.policyPublic && !e.restrictsPublicPolicies);
  };
  const resources: ImportedResource[] = [];
  const buckets = new Set<string>();
  for (const { address, type, attrs } of pending) {
    const mapper = STATE_MAPPERS.get(type)!;
    const mapped = mapper.map(attrs, publicAccess);
    if (typeof mapped === 'string') {
      skipped.push({ address, reason: mapped });
      continue;
    }
    if (type === 'aws_s3_bucket') buckets.add(mapped.externalId);
    // Field by field rather than a spread: spreading 100k objects was most of the import time.
    resources.push({
      kind: mapper.kind,
      address,
      externalId: mapped.externalId,
      name: mapped.name,
      region: mapped.region,
      type: mapped.type,
      size: mapped.size,
      state: mapped.state,
      providerState: mapped.providerState,
      tags: mapped.tags,
      costPerHour: mapped.costPerHour,
      config: mapped.config,
      createdAt: mapped.createdAt,
    });
  }
  for (const { address, bucket } of supplements) {
    if (bucket === undefined || !buckets.has(bucket)) {
      skipped.push({
        address,
        reason: `belongs to bucket ${bucket ?? '(unnamed)'}, which is not in this state`,
      });
    }
  }
  return ok({ resources, skipped });
}
