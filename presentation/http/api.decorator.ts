import { SetMetadata } from '@nestjs/common';
import { type ZodType } from 'zod';
import { type Access } from '../../application/shared/authorize';

export type { Access };

/** Every route declares its access; the app refuses to start otherwise. */
export interface ApiRoute {
  readonly access: Access;
  readonly summary: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly params?: ZodType;
  readonly query?: ZodType;
  readonly body?: ZodType;
  /** The success body; absent for 204. */
  readonly response?: ZodType;
  readonly status?: number;
  /** Extra non-JSON request body types accepted (e.g. OTLP protobuf). */
  readonly consumes?: readonly string[];
  /** Left out of the OpenAPI document (documentation assets, HTML pages). */
  readonly hidden?: boolean;
}

export const API_ROUTE = 'cockpit:api-route';

export const Api = (route: ApiRoute): MethodDecorator => SetMetadata(API_ROUTE, route);
