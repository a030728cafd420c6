import { type FastifyRequest } from 'fastify';
import { type Actor } from '../../application/shared/actor';

/** A Fastify request after the auth guard: `actor` is set unless the route is public. */
export type ApiRequest = FastifyRequest & { actor: Actor | null };
