import { z } from 'zod';
import { type FindingRepository } from '../../domain/cloud/ports/finding-repository.port';
import { type ResourceRepository } from '../../domain/cloud/ports/resource-repository.port';
import { SEVERITIES, type Severity } from '../../domain/cloud/threats/finding';
import { riskSummary } from '../../domain/cloud/threats/risk-summary';
import { type Result, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type ThreatsInput } from './cloud-input';

const Counts = z.object({ critical: z.number(), high: z.number(), medium: z.number(), low: z.number() });
const Score = z.object({
  counts: Counts,
  findings: z.number().int(),
  score: z
    .number()
    .describe('0–100: weighted count of findings (critical 40, high 20, medium 5, low 1), capped'),
  resources_scanned: z.number().int(),
});

export const FindingView = z.object({
  id: z.uuid(),
  rule_id: z.string(),
  severity: z.enum(SEVERITIES),
  title: z.string(),
  resource_id: z.uuid(),
  resource_name: z.string().nullable(),
  region: z.string().nullable(),
  provider_id: z.uuid(),
  evidence: z.record(z.string(), z.unknown()),
  remediation: z.string(),
  first_seen_at: z.iso.datetime(),
  last_seen_at: z.iso.datetime(),
});
export const ThreatsView = z.object({
  items: z.array(FindingView),
  summary: z.object({
    tenant: Score,
    providers: z.array(Score.extend({ provider_id: z.string() })),
  }),
});
export type ThreatsView = z.infer<typeof ThreatsView>;

const score = (s: {
  counts: Record<Severity, number>;
  findings: number;
  score: number;
  resourcesScanned: number;
}) => ({
  counts: { ...s.counts },
  findings: s.findings,
  score: s.score,
  resources_scanned: s.resourcesScanned,
});

/** Open findings (worst first) with the risk summary per provider and for the tenant. */
export class ListThreatsUseCase {
  constructor(
    private readonly findings: FindingRepository,
    private readonly resources: ResourceRepository,
  ) {}

  async execute(actor: Actor, input: ThreatsInput): Promise<Result<ThreatsView>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const tenantId = reader.value.tenantId;
    const severities = input.severity
      ? [input.severity]
      : input.min_severity
        ? SEVERITIES.slice(0, SEVERITIES.indexOf(input.min_severity) + 1)
        : undefined;
    const [all, resources] = await Promise.all([
      this.findings.list(tenantId, { providerId: input.provider }),
      this.resources.listAll(tenantId, { providerId: input.provider }),
    ]);
    const byId = new Map(resources.map((r) => [r.id, r]));
    const shown = all.filter(
      (f) => (!severities || severities.includes(f.severity)) && (!input.rule || f.ruleId === input.rule),
    );
    const summary = riskSummary(all, resources);
    return ok({
      items: shown.map((f) => ({
        id: f.id,
        rule_id: f.ruleId,
        severity: f.severity,
        title: f.title,
        resource_id: f.resourceId,
        resource_name: byId.get(f.resourceId)?.name ?? null,
        region: byId.get(f.resourceId)?.region ?? null,
        provider_id: f.providerId,
        evidence: { ...f.evidence },
        remediation: f.remediation,
        first_seen_at: f.firstSeenAt.toISOString(),
        last_seen_at: f.lastSeenAt.toISOString(),
      })),
      summary: {
        tenant: score(summary.tenant),
        providers: summary.providers.map((p) => ({ provider_id: p.providerId, ...score(p) })),
      },
    });
  }
}
