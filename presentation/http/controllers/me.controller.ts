import { Controller, Get } from '@nestjs/common';
import { type Actor } from '../../../application/shared/actor';
import { GetIdentityUseCase, IdentityView } from '../../../application/tenancy/get-identity.use-case';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { NoQuery } from '../params';
import { unwrap } from '../result';

@Controller('v1/me')
export class MeController {
  constructor(private readonly identity: GetIdentityUseCase) {}

  @Get()
  @Api({
    access: 'authenticated',
    summary: 'Who am I: identity, current tenant and role, and the tenants you can switch to',
    tags: ['auth'],
    query: NoQuery,
    response: IdentityView,
  })
  async me(@CurrentActor() actor: Actor): Promise<IdentityView> {
    return unwrap(await this.identity.execute(actor));
  }
}
