import { type Approval, withCurrentStatus } from '../../domain/governance/approval.entity';
import { type ApprovalRepository } from '../../domain/governance/ports/approval-repository.port';
import { type DecisionTokenLedger } from '../../domain/governance/ports/decision-tokens.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { roleAtLeast } from '../../domain/tenancy/role';
import { type Actor, type TenantActor } from '../shared/actor';
import { authorizeTenant, canSeeProject } from '../shared/authorize';
import { pageOf, positionFrom } from '../shared/cursor';
import { type ApprovalView, toApprovalView } from './approval.view';
import { type ListApprovalsInput } from './governance-input';

const POLL_MS = 200;

/**
 * One approval. With `waitSeconds` it long-polls: answers as soon as the request is no longer
 * pending (decided, or past its expiry), else after the wait. Once approved, Developers and above
 * also get the decision token, as long as it is unused and unexpired.
 */
export class GetApprovalUseCase {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly ledger: DecisionTokenLedger,
    private readonly clock: Clock,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async execute(actor: Actor, id: string, waitSeconds = 0): Promise<Result<ApprovalView>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const deadline = this.clock.now().getTime() + waitSeconds * 1000;
    for (;;) {
      const found = await this.approvals.findById(reader.value.tenantId, id);
      if (!found || !canSeeProject(reader.value, found.projectId))
        return err(DomainError.notFound('approval', id));
      const now = this.clock.now();
      const approval = withCurrentStatus(found, now);
      if (approval.status !== 'pending' || now.getTime() >= deadline) {
        return ok(toApprovalView(approval, await this.tokenFor(reader.value, approval, now)));
      }
      await this.sleep(Math.min(POLL_MS, deadline - now.getTime()));
    }
  }

  private async tokenFor(actor: TenantActor, approval: Approval, now: Date): Promise<string | null> {
    if (approval.status !== 'approved' || !approval.decisionTokenId) return null;
    if (!roleAtLeast(actor.role, 'developer')) return null;
    return this.ledger.usable(actor.tenantId, approval.decisionTokenId, now);
  }
}

/** The approvals inbox: newest first, filtered by status (current), project, risk or run. */
export class ListApprovalsUseCase {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    input: ListApprovalsInput,
  ): Promise<Result<{ items: ApprovalView[]; next_cursor: string | null }>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const before = positionFrom(input.cursor);
    if (!before.ok) return before;
    const projectId = reader.value.kind === 'api_key' ? reader.value.projectId : input.project_id;
    if (reader.value.kind === 'api_key' && input.project_id && input.project_id !== projectId) {
      return ok({ items: [], next_cursor: null });
    }
    const now = this.clock.now();
    const rows = await this.approvals.list(reader.value.tenantId, {
      status: input.status,
      projectId,
      risk: input.risk,
      runId: input.run_id,
      before: before.value ?? undefined,
      limit: input.limit + 1,
      now,
    });
    const page = pageOf(rows, input.limit, (a) => ({ at: a.createdAt, id: a.id }));
    return ok({
      items: page.items.map((a) => toApprovalView(withCurrentStatus(a, now))),
      next_cursor: page.nextCursor,
    });
  }
}
