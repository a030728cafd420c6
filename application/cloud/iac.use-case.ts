import { z } from 'zod';
import { type CloudKind } from '../../domain/cloud/cloud-kind';
import { exportAnsibleInventory } from '../../domain/cloud/iac/ansible-inventory';
import { exportTerraform } from '../../domain/cloud/iac/terraform-export';
import { type ImportedResource, parseTerraformState } from '../../domain/cloud/iac/terraform-state-import';
import { type CredentialCipher } from '../../domain/cloud/ports/credential-cipher.port';
import { type ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { type ResourceRepository } from '../../domain/cloud/ports/resource-repository.port';
import { type TerraformRunner } from '../../domain/cloud/ports/terraform-runner.port';
import { type CloudProvider } from '../../domain/cloud/provider.entity';
import { type Resource } from '../../domain/cloud/resource.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type CloudChanges } from './cloud-changes';
import { governanceActor } from '../governance/governance-actor';
import { type IacExportInput, type IacImportInput, parseTagFilter } from './cloud-input';
import { type ThreatScan } from './threat-scan';

export const IacExportView = z.object({
  format: z.enum(['terraform', 'ansible']),
  syntax: z.enum(['hcl', 'json']).nullable(),
  resource_count: z.number().int(),
  files: z.record(z.string(), z.string()).describe('File name → content'),
  skipped: z.array(z.object({ resource_id: z.string(), reason: z.string() })),
  plan: z
    .object({
      status: z.enum(['not_requested', 'ran', 'unavailable']),
      message: z.string().nullable(),
      tool: z.string().nullable(),
      version: z.string().nullable(),
      exit_code: z.number().int().nullable(),
      summary: z.object({ add: z.number(), change: z.number(), destroy: z.number() }).nullable(),
      output: z.string().nullable(),
    })
    .describe('`terraform plan` (or `tofu plan`) on the export, when asked and a binary is on PATH'),
});
export type IacExportView = z.infer<typeof IacExportView>;

const MAX_EXPORT = 5000;

/** Terraform (HCL or JSON syntax) or an Ansible inventory for selected inventory resources. */
export class ExportIacUseCase {
  constructor(
    private readonly resources: ResourceRepository,
    private readonly terraform: TerraformRunner,
  ) {}

  async execute(actor: Actor, input: IacExportInput): Promise<Result<IacExportView>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const selected = await this.select(reader.value.tenantId, input);
    if (!selected.ok) return selected;
    const notRequested = {
      status: 'not_requested' as const,
      message: null,
      tool: null,
      version: null,
      exit_code: null,
      summary: null,
      output: null,
    };

    if (input.format === 'ansible') {
      const inventory = exportAnsibleInventory(selected.value);
      return ok({
        format: 'ansible',
        syntax: null,
        resource_count: selected.value.length,
        files: {
          'inventory.yml': inventory.yaml,
          'inventory.json': `${JSON.stringify(inventory.json, null, 2)}\n`,
        },
        skipped: [],
        plan: input.plan
          ? { ...notRequested, status: 'unavailable', message: 'plan applies to Terraform exports only' }
          : notRequested,
      });
    }
    const exported = exportTerraform(selected.value, { syntax: input.syntax });
    let plan: IacExportView['plan'] = notRequested;
    if (input.plan) {
      const ran = await this.terraform.plan(exported.files);
      plan = ran.ok
        ? {
            status: 'ran',
            message: ran.value.exitCode === 0 ? null : 'plan failed: see output',
            tool: ran.value.tool,
            version: ran.value.version,
            exit_code: ran.value.exitCode,
            summary: ran.value.summary,
            output: ran.value.output,
          }
        : { ...notRequested, status: 'unavailable', message: ran.error.message };
    }
    return ok({
      format: 'terraform',
      syntax: input.syntax,
      resource_count: selected.value.length - exported.skipped.length,
      files: { ...exported.files },
      skipped: exported.skipped.map((s) => ({ resource_id: s.resourceId, reason: s.reason })),
      plan,
    });
  }

  private async select(tenantId: TenantId, input: IacExportInput): Promise<Result<readonly Resource[]>> {
    if (input.resource_ids) {
      const found = await this.resources.listByIds(tenantId, input.resource_ids);
      const missing = input.resource_ids.filter((id) => !found.some((r) => r.id === id));
      if (missing.length > 0) return err(DomainError.notFound('resource', missing.join(', ')));
      return ok(found);
    }
    const tag = parseTagFilter(input.tag);
    const all = (await this.resources.listAll(tenantId, { providerId: input.provider })).filter(
      (r) =>
        r.state !== 'terminated' &&
        (!input.region || r.region === input.region) &&
        (!input.type || r.type === input.type) &&
        (!tag || (tag.key in r.tags && (tag.value === undefined || r.tags[tag.key] === tag.value))),
    );
    if (all.length > MAX_EXPORT) {
      return err(
        DomainError.validation(
          `the selection holds ${all.length} resources; export at most ${MAX_EXPORT} at once (filter or list resource_ids)`,
        ),
      );
    }
    return ok(all);
  }
}

export const IacImportView = z.object({
  imported: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  providers: z.array(
    z.object({ id: z.uuid(), kind: z.string(), name: z.string(), resources: z.number().int() }),
  ),
  skipped: z.array(z.object({ address: z.string(), reason: z.string() })),
});
export type IacImportView = z.infer<typeof IacImportView>;

/**
 * Reads a Terraform state (format version 4) into the inventory. Resources join the provider
 * named by `provider_id`, else a provider of their cloud kind; when the tenant has none, an
 * "imported" provider without credentials is created (connect credentials to sync it later).
 */
export class ImportIacUseCase {
  constructor(
    private readonly providers: ProviderRepository,
    private readonly resources: ResourceRepository,
    private readonly cipher: CredentialCipher,
    private readonly threats: ThreatScan,
    private readonly changes: CloudChanges,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: IacImportInput): Promise<Result<IacImportView>> {
    const member = authorizeTenant(actor, 'developer');
    if (!member.ok) return member;
    const tenantId = member.value.tenantId;
    const text = typeof input.state === 'string' ? input.state : JSON.stringify(input.state);
    const parsed = parseTerraformState(text);
    if (!parsed.ok) return parsed;
    const skipped = parsed.value.skipped.map((s) => ({ address: s.address, reason: s.reason }));

    let target: CloudProvider | null = null;
    if (input.provider_id) {
      target = await this.providers.findById(tenantId, input.provider_id);
      if (!target) return err(DomainError.notFound('provider', input.provider_id));
    }
    const byKind = new Map<CloudKind, ImportedResource[]>();
    for (const resource of parsed.value.resources) {
      if (target && target.kind !== resource.kind) {
        skipped.push({
          address: resource.address,
          reason: `an ${resource.kind} resource cannot join ${target.kind} provider ${target.name}`,
        });
        continue;
      }
      byKind.set(resource.kind, [...(byKind.get(resource.kind) ?? []), resource]);
    }

    const now = this.clock.now();
    const summary: IacImportView['providers'] = [];
    let counts = { added: 0, updated: 0, unchanged: 0 };
    for (const [kind, items] of [...byKind.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      let p: CloudProvider;
      if (target) p = target;
      else {
        const made = await this.providerFor(tenantId, kind, now);
        if (!made.ok) return made;
        p = made.value;
      }
      const c = await this.resources.upsertDiscovered(p, items, now, () => this.ids.next());
      counts = {
        added: counts.added + c.added,
        updated: counts.updated + c.updated,
        unchanged: counts.unchanged + c.unchanged,
      };
      summary.push({ id: p.id, kind: p.kind, name: p.name, resources: items.length });
    }
    const imported = summary.reduce((n, p) => n + p.resources, 0);
    const change = {
      action: 'cloud.iac.imported',
      actor: governanceActor(member.value),
      target: { type: 'provider' as const, id: summary[0]?.id ?? 'none' },
      data: { imported, ...counts, skipped: skipped.length, providers: summary.map((p) => p.id) },
      at: now,
    };
    await this.changes.apply(tenantId, [change], async () => ok(undefined));
    if (imported > 0) await this.threats.refresh(tenantId, this.clock.now());
    return ok({ imported, ...counts, providers: summary, skipped });
  }

  private async providerFor(tenantId: TenantId, kind: CloudKind, now: Date): Promise<Result<CloudProvider>> {
    const existing = (await this.providers.list(tenantId)).find((p) => p.kind === kind);
    if (existing) return ok(existing);
    const sealed = this.cipher.seal({});
    if (!sealed.ok) return sealed;
    const provider: CloudProvider = {
      tenantId,
      id: this.ids.next(),
      kind,
      name: `terraform-import-${kind}`,
      regions: [],
      status: 'error',
      account: null,
      lastSyncAt: null,
      lastError:
        'imported from Terraform state: no credentials yet; connect this cloud with credentials to sync it',
      credentialKeyId: sealed.value.keyId,
      maskedCredentials: {},
      createdAt: now,
    };
    await this.providers.create(provider, sealed.value);
    return ok(provider);
  }
}
