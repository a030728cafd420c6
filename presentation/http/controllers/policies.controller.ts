import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  EvaluatePolicyInput,
  CreatePolicyInput,
  ListPoliciesInput,
} from '../../../application/governance/governance-input';
import {
  DecisionView,
  EvaluatePolicyUseCase,
  type PolicyDecisionView,
} from '../../../application/governance/evaluate-policy.use-case';
import {
  ActivatePolicyVersionUseCase,
  CreatePolicyUseCase,
  ListPoliciesUseCase,
  ListPolicyVersionsUseCase,
} from '../../../application/governance/manage-policies.use-case';
import { PolicyVersionView, PolicyView } from '../../../application/governance/policy.view';
import { type Actor } from '../../../application/shared/actor';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { UUID_PATTERN } from '../params';
import { unwrap } from '../result';

const PolicyParams = z.strictObject({ policy_id: z.uuid() });
const VersionParams = z.strictObject({ policy_id: z.uuid(), version: z.coerce.number().int().min(1) });
const ActivateBody = z.strictObject({ version: z.number().int().min(1) });
const PolicyListView = z.object({ items: z.array(PolicyView) });
const VersionListView = z.object({ items: z.array(PolicyVersionView) });

@Controller('v1')
export class PoliciesController {
  constructor(
    private readonly createPolicy: CreatePolicyUseCase,
    private readonly listPolicies: ListPoliciesUseCase,
    private readonly listVersions: ListPolicyVersionsUseCase,
    private readonly activateVersion: ActivatePolicyVersionUseCase,
    private readonly evaluatePolicy: EvaluatePolicyUseCase,
  ) {}

  @Post('policies')
  @Api({
    access: 'admin',
    summary: 'Save a policy version (Cedar or the rule form)',
    description:
      'Validated before it is stored: syntax and schema problems answer 400 with line and column. Saving under an existing name adds the next version; older versions never change. The new version becomes active unless activate is false (the first version of a project always does).',
    tags: ['policies'],
    body: CreatePolicyInput,
    response: PolicyVersionView,
    status: 201,
  })
  async create(@CurrentActor() actor: Actor, @Body() body: CreatePolicyInput): Promise<PolicyVersionView> {
    return unwrap(await this.createPolicy.execute(actor, body));
  }

  @Get('policies')
  @Api({
    access: 'viewer',
    summary: 'List policies',
    tags: ['policies'],
    query: ListPoliciesInput,
    response: PolicyListView,
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListPoliciesInput,
  ): Promise<z.infer<typeof PolicyListView>> {
    return { items: unwrap(await this.listPolicies.execute(actor, query.project_id)) };
  }

  @Get('policies/:policy_id/versions')
  @Api({
    access: 'viewer',
    summary: "A policy's versions, oldest first, with the Cedar each evaluates",
    tags: ['policies'],
    params: PolicyParams,
    response: VersionListView,
  })
  async versions(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof PolicyParams>,
  ): Promise<z.infer<typeof VersionListView>> {
    return { items: unwrap(await this.listVersions.execute(actor, params.policy_id)) };
  }

  @Post(`policies/:policy_id${UUID_PATTERN}/versions/:version([0-9]+)::activate`)
  @HttpCode(200)
  @Api({
    access: 'admin',
    summary: "Make a version its project's active one",
    tags: ['policies'],
    params: VersionParams,
    response: PolicyVersionView,
  })
  async activate(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof VersionParams>,
  ): Promise<PolicyVersionView> {
    return unwrap(await this.activateVersion.execute(actor, params.policy_id, params.version));
  }

  @Post(`policies/:policy_id${UUID_PATTERN}::activate`)
  @HttpCode(200)
  @Api({
    access: 'admin',
    summary: "Make a version its project's active one (version in the body)",
    tags: ['policies'],
    params: PolicyParams,
    body: ActivateBody,
    response: PolicyVersionView,
  })
  async activateByBody(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof PolicyParams>,
    @Body() body: z.infer<typeof ActivateBody>,
  ): Promise<PolicyVersionView> {
    return unwrap(await this.activateVersion.execute(actor, params.policy_id, body.version));
  }

  @Post('policies::evaluate')
  @HttpCode(200)
  @Api({
    access: 'viewer',
    summary: 'Decide a tool call (dry run, or recorded in a run)',
    description:
      'Against the active version of the project (or policy_id + version). With run_id the decision is recorded as a policy step of the run (Developer), and with issue_token an allow comes with a decision token for exactly this call.',
    tags: ['policies'],
    body: EvaluatePolicyInput,
    response: DecisionView,
  })
  async evaluate(
    @CurrentActor() actor: Actor,
    @Body() body: EvaluatePolicyInput,
  ): Promise<PolicyDecisionView> {
    return unwrap(await this.evaluatePolicy.execute(actor, body));
  }
}
