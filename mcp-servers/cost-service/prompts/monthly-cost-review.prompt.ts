import { z } from 'zod';
import {
  type CostsView,
  type ForecastCostsUseCase,
  type ForecastView,
  type GetCostsUseCase,
} from '../../../application/cloud/cost-queries.use-case';
import { monthRange, utcDay } from '../../../application/cloud/days';
import {
  type AlertView,
  type BudgetView,
  type ListAlertsUseCase,
  type ListBudgetsUseCase,
} from '../../../application/cloud/manage-budgets.use-case';
import { type Clock } from '../../../domain/shared/ports/clock.port';
import { ok } from '../../../domain/shared/result';
import { definePrompt } from '../../shared/definitions';
import { share, usd } from './money';

const TOP_SERVICES = 15;

export interface MonthlyReviewDeps {
  readonly costs: GetCostsUseCase;
  readonly forecast: ForecastCostsUseCase;
  readonly budgets: ListBudgetsUseCase;
  readonly alerts: ListAlertsUseCase;
  readonly clock: Clock;
}

export const monthlyCostReviewPrompt = (deps: MonthlyReviewDeps) =>
  definePrompt({
    name: 'monthly_cost_review',
    title: 'Monthly cloud cost review',
    description:
      "Embeds one month's cloud spend by provider and service, the 30-day forecast with its interval, the budgets and the month's alerts, and asks for a review with concrete savings ideas.",
    args: z.strictObject({
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')
        .optional()
        .describe('The month to review, YYYY-MM (UTC); default: this month'),
    }),
    access: 'viewer',
    async render(actor, args) {
      const current = utcDay(deps.clock.now()).slice(0, 7);
      const month = args.month ?? current;
      const { from, to } = monthRange(`${month}-01`);
      const query = { from, to, tag_key: 'team' };
      const byProvider = await deps.costs.execute(actor, { ...query, group_by: 'provider' });
      if (!byProvider.ok) return byProvider;
      const byService = await deps.costs.execute(actor, { ...query, group_by: 'service' });
      if (!byService.ok) return byService;
      const forecast = await deps.forecast.execute(actor, { days: 30, history_days: 120 });
      if (!forecast.ok) return forecast;
      const budgets = await deps.budgets.execute(actor);
      if (!budgets.ok) return budgets;
      const alerts = await deps.alerts.execute(actor, { limit: 500 });
      if (!alerts.ok) return alerts;

      return ok(
        [
          `Review the cloud spend of ${month} (UTC${month === current ? ', month to date' : ''}) for this Cockpit tenant. All amounts are USD.`,
          '',
          ...spendSection(`Spend by provider`, byProvider.value),
          '',
          ...spendSection(`Spend by service (top ${TOP_SERVICES})`, byService.value, TOP_SERVICES),
          '',
          ...forecastSection(forecast.value),
          '',
          ...budgetSection(budgets.value.items, current),
          '',
          ...alertSection(
            alerts.value.items.filter((a) => a.period === month),
            month,
          ),
          '',
          'Write the review in this order:',
          '1. Where the money went: the providers and services that dominate, and anything unusual in the mix.',
          '2. Budgets: which are on track, which are at risk given the forecast, and what the alerts say.',
          '3. Savings ideas, most valuable first: concrete actions (rightsizing, stopping idle or non-production resources off-hours, storage tiers, commitments or reservations), each with the monthly saving it could bring when the data supports an estimate.',
          '4. What to check next to confirm each idea.',
          'Say so plainly where the data above does not support a conclusion; do not invent resources or numbers.',
        ].join('\n'),
      );
    },
  });

function spendSection(title: string, view: CostsView, top?: number): string[] {
  const shown = top === undefined ? view.groups : view.groups.slice(0, top);
  const rest = view.groups.slice(shown.length).reduce((sum, g) => sum + g.amount_usd, 0);
  return [
    `## ${title}: ${usd(view.total_usd)} from ${view.from} to ${view.to} (exclusive)`,
    ...(view.groups.length === 0 ? ['- no spend recorded'] : []),
    ...shown.map(
      (g) =>
        `- ${g.name}${g.name === g.key ? '' : ` (${g.key})`}: ${usd(g.amount_usd)} (${share(g.amount_usd, view.total_usd)})`,
    ),
    ...(rest > 0 ? [`- all others: ${usd(rest)} (${share(rest, view.total_usd)})`] : []),
  ];
}

function forecastSection(f: ForecastView): string[] {
  return [
    `## Forecast for the next ${f.days} days (from today, all providers)`,
    `- total ${usd(f.total.value)}, ${Math.round(f.level * 100)}% prediction interval ${usd(f.total.lower)} – ${usd(f.total.upper)}`,
    `- model: ${f.method}, fitted on ${f.history.from} to ${f.history.to} (${usd(f.history.total_usd)} of history)`,
  ];
}

function budgetSection(budgets: readonly BudgetView[], current: string): string[] {
  if (budgets.length === 0) return ['## Budgets', '- none defined'];
  return [
    `## Budgets (standing for ${current})`,
    ...budgets.map((b) => {
      const scope = b.provider_id
        ? `provider ${b.provider_id}`
        : b.project_id
          ? `project ${b.project_id}`
          : 'whole tenant';
      const c = b.current;
      const standing = c
        ? `actual ${usd(c.actual_usd)} (${c.actual_percent}%), projected ${c.projected_usd === null ? 'unknown' : `${usd(c.projected_usd)} (${c.projected_percent}%)`}`
        : 'no standing yet';
      return `- ${b.name} (${scope}): ${usd(b.amount_usd)} a month, thresholds ${b.thresholds.join('/')}%; ${standing}`;
    }),
  ];
}

function alertSection(alerts: readonly AlertView[], month: string): string[] {
  return [
    `## Budget alerts raised for ${month}`,
    ...(alerts.length === 0 ? ['- none'] : []),
    ...alerts.map(
      (a) =>
        `- ${a.raised_at}: ${a.budget_name} crossed ${a.threshold}% on ${a.basis} spend (${usd(a.amount_usd)} of ${usd(a.budget_usd)})`,
    ),
  ];
}
