import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Observable } from 'rxjs';
import { type ZodType } from 'zod';
import { API_ROUTE, type ApiRoute } from './api.decorator';
import { type ApiRequest } from './api-request';
import { validationProblem } from './error-to-problem';
import { ProblemException } from './problem';

/**
 * Validates path, query and body against the route's zod schemas (the same ones OpenAPI and MCP
 * publish) and hands the parsed values to the handler. Unknown fields are rejected by the schemas.
 */
@Injectable()
export class ValidationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.get<ApiRoute | undefined>(API_ROUTE, context.getHandler());
    if (route) {
      const request = context.switchToHttp().getRequest<ApiRequest>();
      if (route.params) request.params = parse(route.params, request.params, 'path');
      if (route.query) request.query = parse(route.query, request.query ?? {}, 'query');
      if (route.body) request.body = parse(route.body, request.body ?? {}, 'body');
    }
    return next.handle();
  }
}

function parse(schema: ZodType, value: unknown, location: 'body' | 'query' | 'path'): never {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ProblemException(validationProblem(parsed.error, location));
  return parsed.data as never;
}
