import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { type Actor } from '../../../application/shared/actor';
import { AddMemberInput, AddMemberUseCase } from '../../../application/tenancy/add-member.use-case';
import {
  ChangeMemberRoleInput,
  ChangeMemberRoleUseCase,
} from '../../../application/tenancy/change-member-role.use-case';
import { ListMembersUseCase } from '../../../application/tenancy/list-members.use-case';
import { MemberView, toMemberView } from '../../../application/tenancy/member.view';
import { RemoveMemberUseCase } from '../../../application/tenancy/remove-member.use-case';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { MemberParams, NoQuery, TenantParams } from '../params';
import { unwrap } from '../result';

const AddedMemberView = MemberView.extend({
  invite_url: z
    .string()
    .nullable()
    .describe('One-time link to choose a password; shown once, when no password was given'),
  invite_expires_at: z.iso.datetime().nullable(),
});
const MemberListView = z.object({ items: z.array(MemberView) });

@Controller('v1/tenants/:tenant_id/members')
export class MembersController {
  constructor(
    private readonly addMember: AddMemberUseCase,
    private readonly listMembers: ListMembersUseCase,
    private readonly changeRole: ChangeMemberRoleUseCase,
    private readonly removeMember: RemoveMemberUseCase,
  ) {}

  @Post()
  @Api({
    access: 'admin',
    summary: 'Add a person to the tenant',
    description:
      'With a password the user can sign in at once; without one the answer carries a one-time invite link.',
    tags: ['members'],
    params: TenantParams,
    body: AddMemberInput,
    response: AddedMemberView,
    status: 201,
  })
  async add(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof TenantParams>,
    @Body() body: AddMemberInput,
  ): Promise<z.infer<typeof AddedMemberView>> {
    const added = unwrap(await this.addMember.execute(actor, params.tenant_id, body));
    return {
      ...toMemberView(added.membership, added.user),
      invite_url: added.invite?.url ?? null,
      invite_expires_at: added.invite?.expiresAt.toISOString() ?? null,
    };
  }

  @Get()
  @Api({
    access: 'viewer',
    summary: 'List the members of the tenant',
    tags: ['members'],
    params: TenantParams,
    query: NoQuery,
    response: MemberListView,
  })
  async list(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof TenantParams>,
  ): Promise<z.infer<typeof MemberListView>> {
    const members = unwrap(await this.listMembers.execute(actor, params.tenant_id));
    return { items: members.map(({ membership, user }) => toMemberView(membership, user)) };
  }

  @Patch(':user_id')
  @Api({
    access: 'admin',
    summary: "Change a member's role",
    description: 'A tenant always keeps at least one Admin.',
    tags: ['members'],
    params: MemberParams,
    body: ChangeMemberRoleInput,
    response: MemberView,
  })
  async update(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof MemberParams>,
    @Body() body: ChangeMemberRoleInput,
  ): Promise<MemberView> {
    const { membership, user } = unwrap(
      await this.changeRole.execute(actor, params.tenant_id, params.user_id, body),
    );
    return toMemberView(membership, user);
  }

  @Delete(':user_id')
  @HttpCode(204)
  @Api({
    access: 'admin',
    summary: 'Remove a member from the tenant',
    tags: ['members'],
    params: MemberParams,
    status: 204,
  })
  async remove(@CurrentActor() actor: Actor, @Param() params: z.infer<typeof MemberParams>): Promise<void> {
    unwrap(await this.removeMember.execute(actor, params.tenant_id, params.user_id));
  }
}
