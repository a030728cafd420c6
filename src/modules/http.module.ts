import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { AuthGuard } from '../../presentation/http/auth.guard';
import { HealthController } from '../../presentation/http/controllers/health.controller';
import { OpenApiDocument, OpenApiOptions } from '../../presentation/http/openapi-document';
import { ProblemFilter } from '../../presentation/http/problem.filter';
import { StaticController } from '../../presentation/http/static.controller';
import { ValidationInterceptor } from '../../presentation/http/validation.interceptor';
import { Runtime } from '../runtime';
import { TenancyModule } from './tenancy.module';

/** Cross-cutting HTTP concerns: auth guard, validation, problem+json, OpenAPI, health, docs. */
@Module({
  imports: [DiscoveryModule, TenancyModule],
  controllers: [HealthController, StaticController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: ValidationInterceptor },
    { provide: APP_FILTER, useClass: ProblemFilter },
    {
      provide: OpenApiOptions,
      useFactory: (r: Runtime) => new OpenApiOptions(r.version, r.publicUrl),
      inject: [Runtime],
    },
    OpenApiDocument,
  ],
  exports: [OpenApiDocument],
})
export class HttpModule {}
