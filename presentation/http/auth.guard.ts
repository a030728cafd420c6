import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { checkAccess } from '../../application/shared/authorize';
import { AuthenticateUseCase } from '../../application/tenancy/authenticate.use-case';
import { DomainError } from '../../domain/shared/domain-error';
import { API_ROUTE, type ApiRoute } from './api.decorator';
import { type ApiRequest } from './api-request';
import { credentialFrom } from '../../application/shared/credentials';
import { ProblemException } from './problem';
import { unwrap } from './result';

/**
 * The global guard: authenticates the credential and enforces the route's declared access before
 * anything else runs. Authorization itself lives in application/shared/authorize (shared with MCP).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticate: AuthenticateUseCase,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = this.reflector.get<ApiRoute | undefined>(API_ROUTE, context.getHandler());
    const request = context.switchToHttp().getRequest<ApiRequest>();
    request.actor = null;
    if (!route) throw new Error(`route ${request.method} ${request.url} declares no access`);
    if (route.access === 'public') return true;

    const credential = credentialFrom(request.headers);
    if (!credential) {
      if (route.access === 'optional') return true;
      throw ProblemException.fromDomain(
        DomainError.unauthorized(
          'authentication is required: send a bearer token or an API key',
          'credential_required',
        ),
      );
    }
    request.actor = unwrap(await this.authenticate.execute(credential));
    unwrap(checkAccess(route.access, request.actor));
    return true;
  }
}
