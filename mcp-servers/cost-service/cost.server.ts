import {
  type ForecastCostsUseCase,
  type GetCostsUseCase,
} from '../../application/cloud/cost-queries.use-case';
import {
  type CreateBudgetUseCase,
  type ListAlertsUseCase,
  type ListBudgetsUseCase,
} from '../../application/cloud/manage-budgets.use-case';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type McpServerDefinition } from '../shared/definitions';
import { costSummaryResource } from './cost-summary.resource';
import { costAnomalyCheckPrompt } from './prompts/cost-anomaly-check.prompt';
import { monthlyCostReviewPrompt } from './prompts/monthly-cost-review.prompt';
import {
  createBudgetTool,
  forecastCostsTool,
  getCostsTool,
  listAlertsTool,
  listBudgetsTool,
} from './tools/cost.tools';

export interface CostDeps {
  readonly getCosts: GetCostsUseCase;
  readonly forecastCosts: ForecastCostsUseCase;
  readonly listBudgets: ListBudgetsUseCase;
  readonly createBudget: CreateBudgetUseCase;
  readonly listAlerts: ListAlertsUseCase;
  /** Which month is "this month" in the summary and prompts; default: the system clock. */
  readonly clock?: Clock;
}

const systemClock: Clock = { now: () => new Date() };

/** Spend, forecasts, budgets and their alerts, with review prompts that embed the numbers. */
export function costService(deps: CostDeps): McpServerDefinition {
  const clock = deps.clock ?? systemClock;
  return {
    name: 'cost-service',
    title: 'Cockpit cloud costs',
    instructions:
      "Cloud spend of the caller's Cockpit tenant across every connected provider: costs grouped by provider, service, region, tag, resource or day; forecasts with prediction intervals; monthly budgets with their standing (create: Admin) and the alerts they raised. The monthly_cost_review and cost_anomaly_check prompts embed the numbers for a review. Every call is scoped to the tenant of the credential.",
    tools: [
      getCostsTool(deps.getCosts),
      forecastCostsTool(deps.forecastCosts),
      listBudgetsTool(deps.listBudgets),
      createBudgetTool(deps.createBudget),
      listAlertsTool(deps.listAlerts),
    ],
    resources: [costSummaryResource(deps.getCosts, deps.forecastCosts, clock)],
    prompts: [
      monthlyCostReviewPrompt({
        costs: deps.getCosts,
        forecast: deps.forecastCosts,
        budgets: deps.listBudgets,
        alerts: deps.listAlerts,
        clock,
      }),
      costAnomalyCheckPrompt({ costs: deps.getCosts, forecast: deps.forecastCosts, clock }),
    ],
  };
}
