import { type FindingRepository } from '../../domain/cloud/ports/finding-repository.port';
import { type ResourceRepository } from '../../domain/cloud/ports/resource-repository.port';
import { evaluateThreats } from '../../domain/cloud/threats/rule-pack';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type CloudChanges, SYSTEM_ACTOR } from './cloud-changes';

/**
 * Re-runs the rule pack over the tenant's whole inventory (the regional-affinity rule compares
 * resources across providers) and makes the stored findings match.
 */
export class ThreatScan {
  constructor(
    private readonly resources: ResourceRepository,
    private readonly findings: FindingRepository,
    private readonly changes: CloudChanges,
    private readonly ids: IdGenerator,
  ) {}

  async refresh(tenantId: TenantId, now: Date): Promise<{ opened: number; resolved: number; open: number }> {
    const resources = await this.resources.listAll(tenantId);
    const result = await this.findings.replace(tenantId, evaluateThreats(resources), now, () =>
      this.ids.next(),
    );
    if (result.opened > 0 || result.resolved > 0) {
      await this.changes.announce(tenantId, {
        action: 'cloud.findings.updated',
        actor: SYSTEM_ACTOR,
        target: { type: 'provider', id: 'all' },
        data: { ...result },
        at: now,
      });
    }
    return result;
  }
}
