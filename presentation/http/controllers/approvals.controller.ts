import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApprovalView } from '../../../application/governance/approval.view';
import { BreakGlassUseCase, type BreakGlassView } from '../../../application/governance/break-glass.use-case';
import { CreateApprovalUseCase } from '../../../application/governance/create-approval.use-case';
import { DecideApprovalUseCase } from '../../../application/governance/decide-approval.use-case';
import {
  GetApprovalUseCase,
  ListApprovalsUseCase,
} from '../../../application/governance/get-approval.use-case';
import {
  BreakGlassInput,
  CreateApprovalInput,
  DecideApprovalInput,
  ListApprovalsInput,
  WaitInput,
} from '../../../application/governance/governance-input';
import { type Actor } from '../../../application/shared/actor';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { UUID_PATTERN } from '../params';
import { unwrap } from '../result';

const ApprovalParams = z.strictObject({ approval_id: z.uuid() });
const ApprovalListView = z.object({ items: z.array(ApprovalView), next_cursor: z.string().nullable() });
const BreakGlassResult = z.object({
  decision_token: z.string(),
  token_id: z.string(),
  expires_at: z.string(),
  payload_hash: z.string(),
  break_glass: z.literal(true),
});
const DenyInput = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

@Controller('v1')
export class ApprovalsController {
  constructor(
    private readonly createApproval: CreateApprovalUseCase,
    private readonly getApproval: GetApprovalUseCase,
    private readonly listApprovals: ListApprovalsUseCase,
    private readonly decideApproval: DecideApprovalUseCase,
    private readonly breakGlass: BreakGlassUseCase,
  ) {}

  @Post('approvals')
  @Api({
    access: 'developer',
    summary: 'Request approval for one exact tool call',
    description:
      'Bound by payload_hash, the SHA-256 of the canonical JSON of {tool, arguments}; the payload is stored redacted. Pending requests expire (15 minutes by default).',
    tags: ['approvals'],
    body: CreateApprovalInput,
    response: ApprovalView,
    status: 201,
  })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateApprovalInput): Promise<ApprovalView> {
    return unwrap(await this.createApproval.execute(actor, body));
  }

  @Get('approvals')
  @Api({
    access: 'viewer',
    summary: 'The approvals inbox',
    description: 'Newest first; filter by status, project_id, risk or run_id.',
    tags: ['approvals'],
    query: ListApprovalsInput,
    response: ApprovalListView,
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListApprovalsInput,
  ): Promise<z.infer<typeof ApprovalListView>> {
    return unwrap(await this.listApprovals.execute(actor, query));
  }

  @Post('approvals::break-glass')
  @HttpCode(201)
  @Api({
    access: 'admin',
    summary: 'Break-glass: a decision token without approval (Admin, with a reason; always audited)',
    tags: ['approvals'],
    body: BreakGlassInput,
    response: BreakGlassResult,
    status: 201,
  })
  async breakGlassToken(
    @CurrentActor() actor: Actor,
    @Body() body: BreakGlassInput,
  ): Promise<BreakGlassView> {
    return unwrap(await this.breakGlass.execute(actor, body));
  }

  @Get('approvals/:approval_id')
  @Api({
    access: 'viewer',
    summary: 'One approval; ?wait=N long-polls up to N seconds (max 30) for the decision',
    description:
      'Once approved, Developers and above also get decision_token while it is unused and unexpired.',
    tags: ['approvals'],
    params: ApprovalParams,
    query: WaitInput,
    response: ApprovalView,
  })
  async get(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ApprovalParams>,
    @Query() query: z.infer<typeof WaitInput>,
  ): Promise<ApprovalView> {
    return unwrap(await this.getApproval.execute(actor, params.approval_id, query.wait ?? 0));
  }

  @Post(`approvals/:approval_id${UUID_PATTERN}::approve`)
  @HttpCode(200)
  @Api({
    access: 'approver',
    summary: 'Approve: answers with the decision token for exactly the requested call',
    description: 'Approver or Admin, never the requester. Decided requests never change (409).',
    tags: ['approvals'],
    params: ApprovalParams,
    body: DecideApprovalInput,
    response: ApprovalView,
  })
  async approve(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ApprovalParams>,
    @Body() body: DecideApprovalInput | undefined,
  ): Promise<ApprovalView> {
    return unwrap(
      await this.decideApproval.execute(actor, params.approval_id, 'approved', body?.reason ?? null),
    );
  }

  @Post(`approvals/:approval_id${UUID_PATTERN}::deny`)
  @HttpCode(200)
  @Api({
    access: 'approver',
    summary: 'Deny, with a reason',
    tags: ['approvals'],
    params: ApprovalParams,
    body: DenyInput,
    response: ApprovalView,
  })
  async deny(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ApprovalParams>,
    @Body() body: z.infer<typeof DenyInput>,
  ): Promise<ApprovalView> {
    return unwrap(await this.decideApproval.execute(actor, params.approval_id, 'denied', body.reason));
  }
}
