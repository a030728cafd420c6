import { Module } from '@nestjs/common';
import { AppendStepsUseCase } from '../../application/runs/append-steps.use-case';
import { ApplyRetentionUseCase } from '../../application/runs/apply-retention.use-case';
import { CreateRunUseCase } from '../../application/runs/create-run.use-case';
import { DiffRunsUseCase } from '../../application/runs/diff-runs.use-case';
import { FinishRunUseCase } from '../../application/runs/finish-run.use-case';
import { GetRunUseCase } from '../../application/runs/get-run.use-case';
import { IngestTracesUseCase } from '../../application/runs/ingest-traces.use-case';
import { ListModelPricesUseCase } from '../../application/runs/list-model-prices.use-case';
import { ListRunStepsUseCase } from '../../application/runs/list-run-steps.use-case';
import { ListRunsUseCase } from '../../application/runs/list-runs.use-case';
import {
  DeleteDiffProfileUseCase,
  ListDiffProfilesUseCase,
  SaveDiffProfileUseCase,
} from '../../application/runs/manage-diff-profiles.use-case';
import { PriceBook } from '../../application/runs/price-book';
import {
  DeleteModelPriceUseCase,
  SetModelPriceUseCase,
} from '../../application/runs/set-model-price.use-case';
import { StepRecorder } from '../../application/runs/step-recorder';
import { StepWriter } from '../../application/runs/step-writer';
import { TenantRedaction } from '../../application/runs/tenant-redaction';
import { DecisionTokenGate } from '../../application/governance/decision-token-gate';
import { AuditLog } from '../../domain/audit/ports/audit-log.port';
import { DecisionTokenLedger, DecisionTokenSigner } from '../../domain/governance/ports/decision-tokens.port';
import { Digest } from '../../domain/shared/ports/digest.port';
import { JoseDecisionTokenSigner } from '../../infrastructure/crypto/jose-decision-token-signer';
import { SecretBox } from '../../infrastructure/crypto/secret-box';
import { TypeormDecisionTokenLedger } from '../../infrastructure/persistence/repositories/typeorm-decision-token.ledger';
import { DiffProfileRepository } from '../../domain/runs/ports/diff-profile-repository.port';
import { ModelPriceRepository } from '../../domain/runs/ports/model-price-repository.port';
import { OtlpCodec } from '../../domain/runs/ports/otlp-codec.port';
import { RetentionCandidates } from '../../domain/runs/ports/retention-candidates.port';
import { RunRepository } from '../../domain/runs/ports/run-repository.port';
import { StepRepository } from '../../domain/runs/ports/step-repository.port';
import { Clock } from '../../domain/shared/ports/clock.port';
import { EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { PayloadHasher } from '../../domain/shared/ports/payload-hasher.port';
import { UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { HmacPayloadHasher } from '../../infrastructure/crypto/hmac-payload-hasher';
import { NodeDigest } from '../../infrastructure/crypto/sha256';
import { NativeOtlpCodec } from '../../infrastructure/otlp/otlp-codec';
import { Database } from '../../infrastructure/persistence/database';
import { TypeormDiffProfileRepository } from '../../infrastructure/persistence/repositories/typeorm-diff-profile.repository';
import { TypeormModelPriceRepository } from '../../infrastructure/persistence/repositories/typeorm-model-price.repository';
import { TypeormRetentionCandidates } from '../../infrastructure/persistence/repositories/typeorm-retention-candidates';
import { TypeormRunRepository } from '../../infrastructure/persistence/repositories/typeorm-run.repository';
import { TypeormStepRepository } from '../../infrastructure/persistence/repositories/typeorm-step.repository';
import { DiffController } from '../../presentation/http/controllers/diff.controller';
import { OtlpController } from '../../presentation/http/controllers/otlp.controller';
import { PricingController } from '../../presentation/http/controllers/pricing.controller';
import { RunsController } from '../../presentation/http/controllers/runs.controller';
import { IngestLimits } from '../../presentation/http/ingest-limits';
import { createRedactor } from '../redaction';
import { Runtime } from '../runtime';
import { adapter, useCase } from './providers';
import { TenancyModule } from './tenancy.module';

/** Observe: agent runs and steps, their cost, the audit log that records what happened to them. */
@Module({
  imports: [TenancyModule],
  controllers: [RunsController, PricingController, OtlpController, DiffController],
  providers: [
    ...adapter(RunRepository, TypeormRunRepository, [Database]),
    ...adapter(StepRepository, TypeormStepRepository, [Database]),
    ...adapter(ModelPriceRepository, TypeormModelPriceRepository, [Database]),
    ...adapter(DiffProfileRepository, TypeormDiffProfileRepository, [Database]),
    ...adapter(RetentionCandidates, TypeormRetentionCandidates, [Database]),
    ...adapter(PayloadHasher, HmacPayloadHasher, [Database]),
    ...adapter(OtlpCodec, NativeOtlpCodec, []),
    {
      provide: TenantRedaction,
      useFactory: (hasher: PayloadHasher) => new TenantRedaction(hasher, createRedactor),
      inject: [PayloadHasher],
    },
    {
      provide: IngestLimits,
      useFactory: (r: Runtime) =>
        new IngestLimits(r.config.COCKPIT_INGEST_MAX_STEPS, r.config.COCKPIT_INGEST_MAX_BYTES),
      inject: [Runtime],
    },
    useCase(PriceBook, [ModelPriceRepository, Clock]),
    {
      provide: SecretBox,
      useFactory: (r: Runtime) =>
        SecretBox.fromEnvironment({
          masterKey: r.config.COCKPIT_MASTER_KEY,
          dataDir: r.config.COCKPIT_DATA_DIR,
        }),
      inject: [Runtime],
    },
    ...adapter(Digest, NodeDigest, []),
    {
      provide: JoseDecisionTokenSigner,
      useFactory: (db: Database, box: SecretBox, r: Runtime) =>
        new JoseDecisionTokenSigner(db, box, { rotationDays: r.config.COCKPIT_SIGNING_KEY_ROTATION_DAYS }),
      inject: [Database, SecretBox, Runtime],
    },
    { provide: DecisionTokenSigner, useExisting: JoseDecisionTokenSigner },
    ...adapter(DecisionTokenLedger, TypeormDecisionTokenLedger, [Database]),
    useCase(DecisionTokenGate, [DecisionTokenSigner, DecisionTokenLedger, AuditLog, Digest]),
    useCase(StepRecorder, [TenantRedaction, PriceBook, DecisionTokenGate, Clock, Digest]),
    useCase(CreateRunUseCase, [
      RunRepository,
      ProjectRepository,
      TenantRedaction,
      EventPublisher,
      IdGenerator,
      Clock,
    ]),
    useCase(StepWriter, [StepRepository, StepRecorder, UnitOfWork, EventPublisher, Clock, DecisionTokenGate]),
    useCase(AppendStepsUseCase, [RunRepository, StepWriter], (r) => ({
      maxSteps: r.config.COCKPIT_INGEST_MAX_STEPS,
    })),
    useCase(FinishRunUseCase, [RunRepository, EventPublisher, Clock]),
    useCase(IngestTracesUseCase, [
      OtlpCodec,
      RunRepository,
      ProjectRepository,
      StepWriter,
      TenantRedaction,
      EventPublisher,
      Clock,
    ]),
    useCase(ListRunsUseCase, [RunRepository]),
    useCase(GetRunUseCase, [RunRepository]),
    useCase(ListRunStepsUseCase, [RunRepository, StepRepository]),
    useCase(ListModelPricesUseCase, [PriceBook]),
    useCase(SetModelPriceUseCase, [ModelPriceRepository, PriceBook, IdGenerator, Clock]),
    useCase(DeleteModelPriceUseCase, [ModelPriceRepository, PriceBook]),
    useCase(DiffRunsUseCase, [RunRepository, StepRepository, DiffProfileRepository]),
    useCase(ListDiffProfilesUseCase, [DiffProfileRepository]),
    useCase(SaveDiffProfileUseCase, [DiffProfileRepository, Clock]),
    useCase(DeleteDiffProfileUseCase, [DiffProfileRepository]),
    useCase(ApplyRetentionUseCase, [RetentionCandidates, AuditLog, UnitOfWork, Clock]),
  ],
  exports: [
    CreateRunUseCase,
    FinishRunUseCase,
    AppendStepsUseCase,
    SecretBox,
    Digest,
    DecisionTokenSigner,
    DecisionTokenLedger,
    StepWriter,
    TenantRedaction,
    DiffRunsUseCase,
    ListRunsUseCase,
    GetRunUseCase,
    ListRunStepsUseCase,
    ApplyRetentionUseCase,
    RunRepository,
    StepRepository,
  ],
})
export class RunsModule {}
