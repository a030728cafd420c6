import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { type Actor } from '../../../application/shared/actor';
import { LoginInput, LoginUseCase, TokenPairView } from '../../../application/tenancy/login.use-case';
import { LogoutInput, LogoutUseCase } from '../../../application/tenancy/logout.use-case';
import {
  RefreshSessionInput,
  RefreshSessionUseCase,
} from '../../../application/tenancy/refresh-session.use-case';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { unwrap } from '../result';

@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly loginUseCase: LoginUseCase,
    private readonly refreshUseCase: RefreshSessionUseCase,
    private readonly logoutUseCase: LogoutUseCase,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Api({
    access: 'public',
    summary: 'Sign in with email and password',
    description: 'Returns a short-lived access token and a single-use refresh token.',
    tags: ['auth'],
    body: LoginInput,
    response: TokenPairView,
  })
  async login(@Body() body: LoginInput): Promise<TokenPairView> {
    return unwrap(await this.loginUseCase.execute(body));
  }

  @Post('refresh')
  @HttpCode(200)
  @Api({
    access: 'public',
    summary: 'Exchange a refresh token for a new token pair',
    description: 'Refresh tokens rotate: each works once. Presenting a used one revokes the whole session.',
    tags: ['auth'],
    body: RefreshSessionInput,
    response: TokenPairView,
  })
  async refresh(@Body() body: RefreshSessionInput): Promise<TokenPairView> {
    return unwrap(await this.refreshUseCase.execute(body));
  }

  @Post('logout')
  @HttpCode(204)
  @Api({
    access: 'optional',
    summary: 'End a session',
    description: 'Ends the session of the access token used, or of the refresh token in the body.',
    tags: ['auth'],
    body: LogoutInput,
  })
  async logout(@CurrentActor() actor: Actor | null, @Body() body: LogoutInput): Promise<void> {
    unwrap(await this.logoutUseCase.execute(actor, body));
  }
}
