import { type Logger } from 'pino';
import { type EventBus } from '../domain/shared/ports/event-publisher.port';
import { type Readiness } from '../domain/shared/ports/readiness.port';
import { type Database } from '../infrastructure/persistence/database';
import { type Config } from './config';

/**
 * What the composition root opened before Nest starts (connections, secrets) and hands to the
 * modules. A class so it can be a DI token.
 */
export class Runtime {
  constructor(
    readonly config: Config,
    readonly db: Database,
    readonly events: EventBus,
    readonly readiness: Readiness,
    readonly logger: Logger,
    readonly version: string,
    readonly publicUrl: string,
    readonly jwtSecret: string,
  ) {}
}
