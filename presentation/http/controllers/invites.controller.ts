import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { AcceptInviteInput, AcceptInviteUseCase } from '../../../application/tenancy/accept-invite.use-case';
import { Api } from '../api.decorator';
import { unwrap } from '../result';

const AcceptedInviteView = z.object({ user_id: z.uuid(), email: z.string(), status: z.literal('active') });

@Controller('v1')
export class InvitesController {
  constructor(private readonly acceptInvite: AcceptInviteUseCase) {}

  @Post('invites::accept')
  @HttpCode(200)
  @Api({
    access: 'public',
    summary: 'Accept an invite by choosing a password',
    description: 'The token comes from the one-time invite link. It works once and expires after 7 days.',
    tags: ['members'],
    body: AcceptInviteInput,
    response: AcceptedInviteView,
  })
  async accept(@Body() body: AcceptInviteInput): Promise<z.infer<typeof AcceptedInviteView>> {
    const user = unwrap(await this.acceptInvite.execute(body));
    return { user_id: user.id, email: user.email, status: 'active' };
  }
}
