import { Module } from '@nestjs/common';
import { registerBuiltinNodes } from '../../application/workflows/builtin-nodes';
import { NodeHandlers } from '../../application/workflows/node-handler';
import { WorkflowRunner } from '../../application/workflows/workflow-runner';
import { Workflows } from '../../application/workflows/workflows';
import { Clock } from '../../domain/shared/ports/clock.port';
import { EventBus } from '../../domain/shared/ports/event-publisher.port';
import { IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { WorkQueue } from '../../domain/workflows/ports/work-queue.port';
import { WorkflowRepository } from '../../domain/workflows/ports/workflow-repository.port';
import { Database } from '../../infrastructure/persistence/database';
import { TypeormWorkflowRepository } from '../../infrastructure/persistence/repositories/typeorm-workflow.repository';
import { WorkflowsController } from '../../presentation/http/controllers/workflows.controller';
import { Runtime } from '../runtime';
import { createWorkQueue, workerId } from '../runtime-factory';
import { adapter } from './providers';

/**
 * The DAG runner. `NodeHandlers` is one registry per process: other modules inject it and register
 * their node types and finished hooks into it. The consumer and recovery are started by the
 * process (API or worker) once the container is up, and stopped by it.
 */
@Module({
  controllers: [WorkflowsController],
  providers: [
    ...adapter(WorkflowRepository, TypeormWorkflowRepository, [Database]),
    { provide: WorkQueue, useFactory: (runtime: Runtime) => createWorkQueue(runtime), inject: [Runtime] },
    { provide: NodeHandlers, useFactory: () => registerBuiltinNodes(new NodeHandlers()) },
    {
      provide: WorkflowRunner,
      useFactory: (
        repository: WorkflowRepository,
        queue: WorkQueue,
        handlers: NodeHandlers,
        events: EventBus,
        ids: IdGenerator,
        clock: Clock,
        runtime: Runtime,
      ) =>
        new WorkflowRunner(repository, queue, handlers, events, ids, clock, {
          workerId: workerId(),
          concurrency: runtime.config.COCKPIT_WORKFLOW_CONCURRENCY,
          leaseMs: runtime.config.COCKPIT_WORKFLOW_LOCK_MS,
          continuations: runtime.config.COCKPIT_WORKFLOW_CONTINUATIONS,
          onError: (error, context) => runtime.logger.error({ err: error, context }, 'workflow runner error'),
        }),
      inject: [WorkflowRepository, WorkQueue, NodeHandlers, EventBus, IdGenerator, Clock, Runtime],
    },
    { provide: Workflows, useExisting: WorkflowRunner },
  ],
  exports: [NodeHandlers, WorkflowRunner, Workflows],
})
export class WorkflowsModule {}
