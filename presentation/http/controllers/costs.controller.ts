import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  CostsInput,
  CreateBudgetInput,
  ForecastInput,
  ListAlertsInput,
} from '../../../application/cloud/cloud-input';
import {
  CostsView,
  ForecastCostsUseCase,
  ForecastView,
  GetCostsUseCase,
  ListRightsizingUseCase,
  RightsizingView,
} from '../../../application/cloud/cost-queries.use-case';
import {
  AlertView,
  BudgetView,
  CreateBudgetUseCase,
  ListAlertsUseCase,
  ListBudgetsUseCase,
} from '../../../application/cloud/manage-budgets.use-case';
import { ListThreatsUseCase, ThreatsView } from '../../../application/cloud/list-threats.use-case';
import { ThreatsInput } from '../../../application/cloud/cloud-input';
import { type Actor } from '../../../application/shared/actor';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { NoQuery } from '../params';
import { unwrap } from '../result';

const BudgetListView = z.object({ items: z.array(BudgetView) });
const AlertListView = z.object({ items: z.array(AlertView) });

/** Costs, forecasts, budgets and their alerts, and threat findings: the Operate read side. */
@Controller('v1')
export class CostsController {
  constructor(
    private readonly getCosts: GetCostsUseCase,
    private readonly forecastCosts: ForecastCostsUseCase,
    private readonly createBudget: CreateBudgetUseCase,
    private readonly listBudgets: ListBudgetsUseCase,
    private readonly listAlerts: ListAlertsUseCase,
    private readonly listThreats: ListThreatsUseCase,
    private readonly listRightsizing: ListRightsizingUseCase,
  ) {}

  @Get('costs/rightsizing')
  @Api({
    access: 'viewer',
    summary: 'Right-sizing suggestions',
    description:
      'From utilisation, where the provider reports it (AWS Cost Explorer, the simulated cloud): a smaller size and the monthly saving, biggest first. Refreshed on every sync.',
    tags: ['cloud'],
    query: NoQuery,
    response: RightsizingView,
  })
  async rightsizing(@CurrentActor() actor: Actor): Promise<RightsizingView> {
    return unwrap(await this.listRightsizing.execute(actor));
  }

  @Get('costs')
  @Api({
    access: 'viewer',
    summary: 'Cloud spend, grouped',
    description:
      'Daily cost records summed over [from, to) by provider, service, region, tag (tag_key), resource or day.',
    tags: ['cloud'],
    query: CostsInput,
    response: CostsView,
  })
  async costs(@CurrentActor() actor: Actor, @Query() query: CostsInput): Promise<CostsView> {
    return unwrap(await this.getCosts.execute(actor, query));
  }

  @Get('costs/forecast')
  @Api({
    access: 'viewer',
    summary: 'Spend forecast with a prediction interval',
    description:
      'Additive Holt-Winters (level, trend, weekly seasonality) fitted on the daily history; each point has lower and upper bounds of an 80% prediction interval, and `total` sums the horizon.',
    tags: ['cloud'],
    query: ForecastInput,
    response: ForecastView,
  })
  async forecast(@CurrentActor() actor: Actor, @Query() query: ForecastInput): Promise<ForecastView> {
    return unwrap(await this.forecastCosts.execute(actor, query));
  }

  @Get('budgets')
  @Api({
    access: 'viewer',
    summary: 'Budgets with where this month stands',
    description:
      'Actual spend this month and the projected month total (spend + forecast), as amounts and percentages.',
    tags: ['cloud'],
    query: NoQuery,
    response: BudgetListView,
  })
  async budgets(@CurrentActor() actor: Actor): Promise<z.infer<typeof BudgetListView>> {
    return unwrap(await this.listBudgets.execute(actor));
  }

  @Post('budgets')
  @Api({
    access: 'admin',
    summary: 'Create a monthly budget',
    description:
      'For the tenant, a project (costs tagged project=<name or id>) or a provider. Each threshold (default 50/80/100 %) raises one alert per month on actual spend and one on forecast spend: a WebSocket event, a signed webhook and an audit entry.',
    tags: ['cloud'],
    body: CreateBudgetInput,
    response: BudgetView,
    status: 201,
  })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateBudgetInput): Promise<BudgetView> {
    return unwrap(await this.createBudget.execute(actor, body));
  }

  @Get('alerts')
  @Api({
    access: 'viewer',
    summary: 'Budget alerts',
    description: 'Newest first.',
    tags: ['cloud'],
    query: ListAlertsInput,
    response: AlertListView,
  })
  async alerts(
    @CurrentActor() actor: Actor,
    @Query() query: ListAlertsInput,
  ): Promise<z.infer<typeof AlertListView>> {
    return unwrap(await this.listAlerts.execute(actor, query));
  }

  @Get('threats')
  @Api({
    access: 'viewer',
    summary: 'Threat findings and the risk summary',
    description:
      'Findings of the rule pack over resource configuration (public admin ports, public buckets, unencrypted disks, prod tagging and termination protection, IAM wildcards, LLM endpoint and vector DB in different regions), worst first, with evidence and remediation. Updated on every sync.',
    tags: ['cloud'],
    query: ThreatsInput,
    response: ThreatsView,
  })
  async threats(@CurrentActor() actor: Actor, @Query() query: ThreatsInput): Promise<ThreatsView> {
    return unwrap(await this.listThreats.execute(actor, query));
  }
}
