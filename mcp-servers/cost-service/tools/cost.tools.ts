import { z } from 'zod';
import {
  CostsInput,
  CreateBudgetInput,
  ForecastInput,
  ListAlertsInput,
} from '../../../application/cloud/cloud-input';
import {
  CostsView,
  type ForecastCostsUseCase,
  ForecastView,
  type GetCostsUseCase,
} from '../../../application/cloud/cost-queries.use-case';
import {
  AlertView,
  BudgetView,
  type CreateBudgetUseCase,
  type ListAlertsUseCase,
  type ListBudgetsUseCase,
} from '../../../application/cloud/manage-budgets.use-case';
import { defineTool } from '../../shared/definitions';

export const getCostsTool = (costs: GetCostsUseCase) =>
  defineTool({
    name: 'get_costs',
    title: 'Get cloud spend',
    description:
      'Cloud spend in USD over [from, to) (default: the last 30 days), grouped by provider, service, region, a tag (tag_key), resource or day, with the total.',
    input: CostsInput,
    output: CostsView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => costs.execute(actor, input),
  });

export const forecastCostsTool = (forecast: ForecastCostsUseCase) =>
  defineTool({
    name: 'forecast_costs',
    title: 'Forecast cloud spend',
    description:
      'Daily spend for the next N days (default 30), for one provider or all, from additive Holt-Winters with weekly seasonality fitted on the recent history; each point and the total carry the bounds of an 80% prediction interval.',
    input: ForecastInput,
    output: ForecastView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => forecast.execute(actor, input),
  });

export const listBudgetsTool = (list: ListBudgetsUseCase) =>
  defineTool({
    name: 'list_budgets',
    title: 'List budgets',
    description:
      "The tenant's monthly budgets with where this month stands: actual spend and the projected month total (spend + forecast), as amounts and percent of the budget.",
    input: z.strictObject({}),
    output: z.object({ items: z.array(BudgetView) }),
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor) => list.execute(actor),
  });

export const createBudgetTool = (create: CreateBudgetUseCase) =>
  defineTool({
    name: 'create_budget',
    title: 'Create a monthly budget',
    description:
      'A monthly budget for the tenant, a project (costs tagged project=<name or id>) or a provider. Each threshold (default 50/80/100 %) raises one alert per month on actual spend and one on forecast spend; it is checked at once, so a budget already crossed alerts right away.',
    input: CreateBudgetInput,
    output: BudgetView,
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    access: 'admin',
    run: (actor, input) => create.execute(actor, input),
  });

export const listAlertsTool = (list: ListAlertsUseCase) =>
  defineTool({
    name: 'list_alerts',
    title: 'List budget alerts',
    description:
      'Budget alerts, newest first: which threshold of which budget was crossed, on actual or forecast spend, in which month.',
    input: ListAlertsInput,
    output: z.object({ items: z.array(AlertView) }),
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) => list.execute(actor, input),
  });
