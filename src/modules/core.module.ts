import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AuditLog } from '../../domain/audit/ports/audit-log.port';
import { Clock } from '../../domain/shared/ports/clock.port';
import { EventBus, EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { Readiness } from '../../domain/shared/ports/readiness.port';
import { UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { sha256 } from '../../infrastructure/crypto/sha256';
import { Database } from '../../infrastructure/persistence/database';
import { TypeormAuditLog } from '../../infrastructure/persistence/repositories/typeorm-audit-log';
import { SystemClock } from '../../infrastructure/system/system-clock';
import { UuidV7IdGenerator } from '../../infrastructure/system/uuid-v7-id-generator';
import { Runtime } from '../runtime';

/** Process-wide adapters every context uses: database, clock, ids, events, readiness, the audit log. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: Runtime, useValue: runtime },
        { provide: Database, useValue: runtime.db },
        { provide: UnitOfWork, useExisting: Database },
        { provide: EventBus, useValue: runtime.events },
        { provide: EventPublisher, useExisting: EventBus },
        { provide: Readiness, useValue: runtime.readiness },
        { provide: SystemClock, useClass: SystemClock },
        { provide: Clock, useExisting: SystemClock },
        { provide: UuidV7IdGenerator, useClass: UuidV7IdGenerator },
        { provide: IdGenerator, useExisting: UuidV7IdGenerator },
        // every context appends to the tenant's one audit chain (tenancy, governance, cloud, agents)
        {
          provide: TypeormAuditLog,
          useFactory: (db: Database) => new TypeormAuditLog(db, sha256),
          inject: [Database],
        },
        { provide: AuditLog, useExisting: TypeormAuditLog },
      ],
      exports: [
        Runtime,
        Database,
        UnitOfWork,
        EventBus,
        EventPublisher,
        Readiness,
        Clock,
        IdGenerator,
        AuditLog,
      ],
    };
  }
}
