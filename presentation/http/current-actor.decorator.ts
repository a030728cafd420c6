import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { type ApiRequest } from './api-request';

/** The authenticated actor of the request (null only on public/optional routes without a credential). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest<ApiRequest>().actor;
});
