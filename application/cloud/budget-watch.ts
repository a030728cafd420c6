import {
  type Budget,
  type BudgetAlert,
  budgetPeriodOf,
  crossedThresholds,
  forecastForPeriod,
} from '../../domain/cloud/budget';
import { forecastCosts } from '../../domain/cloud/forecast/cost-forecast';
import { type BudgetRepository } from '../../domain/cloud/ports/budget-repository.port';
import { type CostRepository } from '../../domain/cloud/ports/cost-repository.port';
import { type WebhookOutbox } from '../../domain/governance/ports/webhook-outbox.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { DomainError } from '../../domain/shared/domain-error';
import { err, ok } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';
import { type ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { type CloudChanges, SYSTEM_ACTOR } from './cloud-changes';
import { addDays, monthRange, utcDay } from './days';
import { roundUsd, spendSeries } from './spend';

const HISTORY_DAYS = 90;

export interface BudgetStandingView {
  readonly period: string;
  readonly actualUsd: number;
  /** Spend to date plus the forecast for the rest of the month. */
  readonly projectedUsd: number | null;
}

/**
 * Checks every budget of a tenant against the month's spend and its forecast, and raises each
 * threshold once per month and basis (a unique key in the store makes "once" hold even when two
 * syncs race). A raised alert is audited, sent live and queued to the tenant's signed webhook.
 */
export class BudgetWatch {
  constructor(
    private readonly budgets: BudgetRepository,
    private readonly costs: CostRepository,
    private readonly projects: ProjectRepository,
    private readonly outbox: WebhookOutbox,
    private readonly changes: CloudChanges,
    private readonly ids: IdGenerator,
  ) {}

  async standing(budget: Budget, now: Date): Promise<BudgetStandingView> {
    const today = utcDay(now);
    const month = monthRange(today);
    const projectTag = budget.scope.projectId
      ? await this.projectTags(budget.tenantId, budget.scope.projectId)
      : undefined;
    const filter = { providerId: budget.scope.providerId ?? undefined, projectTag };
    const spent = await this.costs.daily(budget.tenantId, {
      from: month.from,
      to: addDays(today, 1),
      ...filter,
    });
    const actualUsd = spent.reduce((sum, d) => sum + d.amountUsd, 0);
    const remaining = Math.max(0, month.days - month.elapsed);
    let projectedUsd: number | null = actualUsd;
    if (remaining > 0) {
      const history = await this.costs.daily(budget.tenantId, {
        from: addDays(today, -HISTORY_DAYS),
        to: today,
        ...filter,
      });
      const series = spendSeries(history);
      const forecast = series.length > 0 ? forecastCosts(series, remaining + 1) : null;
      projectedUsd =
        forecast && forecast.ok
          ? actualUsd +
            forecastForPeriod(
              forecast.value.points.filter((p) => p.day > today),
              budgetPeriodOf(now),
            )
          : null;
    }
    return { period: budgetPeriodOf(now), actualUsd, projectedUsd };
  }

  async evaluate(tenantId: TenantId, now: Date): Promise<readonly BudgetAlert[]> {
    const raised: BudgetAlert[] = [];
    for (const budget of await this.budgets.list(tenantId)) {
      const standing = await this.standing(budget, now);
      const before = await this.budgets.alerts(tenantId, {
        budgetId: budget.id,
        period: standing.period,
        limit: 100,
      });
      const alerts = crossedThresholds(
        budget,
        {
          period: standing.period,
          actualUsd: standing.actualUsd,
          forecastUsd: standing.projectedUsd === null ? null : standing.projectedUsd - standing.actualUsd,
          at: now,
        },
        before,
      );
      for (const alert of alerts) {
        const id = this.ids.next();
        const change = {
          action: 'cloud.budget.alert',
          actor: SYSTEM_ACTOR,
          target: { type: 'budget' as const, id: budget.id },
          data: {
            alert_id: id,
            budget_name: budget.name,
            threshold: alert.threshold,
            basis: alert.basis,
            period: alert.period,
            amount_usd: roundUsd(alert.amountUsd),
            budget_usd: alert.budgetUsd,
          },
          at: now,
        };
        // the store's unique key decides "once": a threshold raised meanwhile by another sync is a conflict
        const stored = await this.changes.apply(tenantId, [change], async () => {
          if (!(await this.budgets.raise(tenantId, alert, id))) {
            return err(DomainError.conflict('this alert was already raised', 'alert_already_raised'));
          }
          const text = `Budget "${budget.name}": ${alert.basis === 'actual' ? 'spend' : 'forecast spend'} of $${roundUsd(alert.amountUsd)} reached ${alert.threshold}% of $${alert.budgetUsd} for ${alert.period}`;
          await this.outbox.enqueue(
            tenantId,
            'budget.alert',
            {
              text,
              blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
              event: 'budget.alert',
              alert: change.data,
            },
            now,
          );
          return ok(undefined);
        });
        if (stored.ok) raised.push(alert);
      }
    }
    return raised;
  }

  /** Costs carry the project as a `project` tag holding its name or its id. */
  private async projectTags(tenantId: TenantId, projectId: string): Promise<string[]> {
    const project = await this.projects.findById(tenantId, projectId);
    return project ? [project.id, project.name] : [projectId];
  }
}
