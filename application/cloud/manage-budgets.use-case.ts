import { z } from 'zod';
import { type Budget, validateBudget } from '../../domain/cloud/budget';
import { type BudgetRepository } from '../../domain/cloud/ports/budget-repository.port';
import { type ProviderRepository } from '../../domain/cloud/ports/provider-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type BudgetWatch } from './budget-watch';
import { type CloudChanges } from './cloud-changes';
import { governanceActor } from '../governance/governance-actor';
import { type CreateBudgetInput, type ListAlertsInput } from './cloud-input';
import { roundUsd } from './spend';

export const BudgetView = z.object({
  id: z.uuid(),
  name: z.string(),
  amount_usd: z.number(),
  period: z.literal('monthly'),
  thresholds: z.array(z.number()),
  project_id: z.uuid().nullable(),
  provider_id: z.uuid().nullable(),
  created_at: z.iso.datetime(),
  current: z
    .object({
      period: z.string(),
      actual_usd: z.number(),
      projected_usd: z
        .number()
        .nullable()
        .describe('Spend to date plus the forecast for the rest of the month'),
      actual_percent: z.number(),
      projected_percent: z.number().nullable(),
    })
    .optional(),
});
export type BudgetView = z.infer<typeof BudgetView>;

export const AlertView = z.object({
  id: z.uuid(),
  budget_id: z.uuid(),
  budget_name: z.string(),
  threshold: z.number().describe('Percent of the budget'),
  basis: z.enum(['actual', 'forecast']),
  period: z.string(),
  amount_usd: z.number(),
  budget_usd: z.number(),
  raised_at: z.iso.datetime(),
});
export type AlertView = z.infer<typeof AlertView>;

const toBudgetView = (
  b: Budget,
  current?: { period: string; actualUsd: number; projectedUsd: number | null },
): BudgetView => ({
  id: b.id,
  name: b.name,
  amount_usd: b.amountUsd,
  period: b.period,
  thresholds: [...b.thresholds],
  project_id: b.scope.projectId,
  provider_id: b.scope.providerId,
  created_at: b.createdAt.toISOString(),
  ...(current
    ? {
        current: {
          period: current.period,
          actual_usd: roundUsd(current.actualUsd),
          projected_usd: current.projectedUsd === null ? null : roundUsd(current.projectedUsd),
          actual_percent: roundUsd((current.actualUsd / b.amountUsd) * 100),
          projected_percent:
            current.projectedUsd === null ? null : roundUsd((current.projectedUsd / b.amountUsd) * 100),
        },
      }
    : {}),
});

/** A monthly budget; it is checked at once, so a budget already crossed alerts right away. */
export class CreateBudgetUseCase {
  constructor(
    private readonly budgets: BudgetRepository,
    private readonly providers: ProviderRepository,
    private readonly projects: ProjectRepository,
    private readonly watch: BudgetWatch,
    private readonly changes: CloudChanges,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: CreateBudgetInput): Promise<Result<BudgetView>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const tenantId = admin.value.tenantId;
    if (input.provider_id && !(await this.providers.findById(tenantId, input.provider_id))) {
      return err(DomainError.notFound('provider', input.provider_id));
    }
    if (input.project_id && !(await this.projects.findById(tenantId, input.project_id))) {
      return err(DomainError.notFound('project', input.project_id));
    }
    const now = this.clock.now();
    const budget = validateBudget({
      tenantId,
      id: this.ids.next(),
      name: input.name,
      scope: { projectId: input.project_id, providerId: input.provider_id },
      amountUsd: input.amount_usd,
      thresholds: input.thresholds,
      createdAt: now,
    });
    if (!budget.ok) return budget;
    const by = governanceActor(admin.value);
    const change = {
      action: 'cloud.budget.created',
      actor: by,
      target: { type: 'budget' as const, id: budget.value.id },
      data: {
        name: budget.value.name,
        amount_usd: budget.value.amountUsd,
        thresholds: budget.value.thresholds,
        project_id: input.project_id,
        provider_id: input.provider_id,
      },
      at: now,
    };
    await this.changes.apply(tenantId, [change], async () =>
      ok(await this.budgets.create(budget.value, by as unknown as Record<string, unknown>)),
    );
    await this.watch.evaluate(tenantId, now);
    return ok(toBudgetView(budget.value, await this.watch.standing(budget.value, now)));
  }
}

export class ListBudgetsUseCase {
  constructor(
    private readonly budgets: BudgetRepository,
    private readonly watch: BudgetWatch,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor): Promise<Result<{ items: BudgetView[] }>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const now = this.clock.now();
    const items: BudgetView[] = [];
    for (const budget of await this.budgets.list(reader.value.tenantId)) {
      items.push(toBudgetView(budget, await this.watch.standing(budget, now)));
    }
    return ok({ items });
  }
}

export class ListAlertsUseCase {
  constructor(private readonly budgets: BudgetRepository) {}

  async execute(actor: Actor, input: ListAlertsInput): Promise<Result<{ items: AlertView[] }>> {
    const reader = authorizeTenant(actor, 'viewer');
    if (!reader.ok) return reader;
    const alerts = await this.budgets.alerts(reader.value.tenantId, {
      budgetId: input.budget_id,
      limit: input.limit,
    });
    return ok({
      items: alerts.map((a) => ({
        id: a.id,
        budget_id: a.budgetId,
        budget_name: a.budgetName,
        threshold: a.threshold,
        basis: a.basis,
        period: a.period,
        amount_usd: roundUsd(a.amountUsd),
        budget_usd: a.budgetUsd,
        raised_at: a.at.toISOString(),
      })),
    });
  }
}
