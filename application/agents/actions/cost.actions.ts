import { ok } from '../../../domain/shared/result';
import { CostsInput, ForecastInput } from '../../cloud/cloud-input';
import { type ForecastCostsUseCase, type GetCostsUseCase } from '../../cloud/cost-queries.use-case';
import { done } from '../../workflows/node-handler';
import { ACTION_NAMES, type AgentAction } from '../agent-actions';
import { parseParams, pick } from './action-params';

/** FIA: spend over a range, grouped (default: by service over the last 30 days). */
export function costAnalyzeAction(costs: Pick<GetCostsUseCase, 'execute'>): AgentAction {
  return {
    name: ACTION_NAMES.costAnalyze,
    description: 'Spend in a time range grouped by provider, service, region, tag, resource or day',
    risk: 'low',
    perform: async (ctx) => {
      const input = parseParams(
        CostsInput,
        pick(ctx.params, ['from', 'to', 'group_by', 'tag_key', 'provider']),
      );
      if (!input.ok) return input;
      const view = await costs.execute(ctx.actor, input.value);
      if (!view.ok) return view;
      const top = [...view.value.groups].sort((a, b) => b.amount_usd - a.amount_usd).slice(0, 5);
      return ok(done({ ...view.value, top: top.map((g) => g.name) }));
    },
  };
}

/** FIA: the next N days of spend with an 80 % prediction interval. */
export function costForecastAction(forecast: Pick<ForecastCostsUseCase, 'execute'>): AgentAction {
  return {
    name: ACTION_NAMES.costForecast,
    description: 'Forecast of the next days of spend with a prediction interval',
    risk: 'low',
    perform: async (ctx) => {
      const input = parseParams(ForecastInput, pick(ctx.params, ['days', 'provider', 'history_days']));
      if (!input.ok) return input;
      const view = await forecast.execute(ctx.actor, input.value);
      if (!view.ok) return view;
      const { points: _points, ...summary } = view.value;
      // the daily points stay with the forecast API; the task keeps the totals
      return ok(done({ ...summary, points: view.value.points.length }));
    },
  };
}
