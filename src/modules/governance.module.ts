import { Module } from '@nestjs/common';
import { ListAuditUseCase, VerifyAuditLogUseCase } from '../../application/audit/audit-log.use-case';
import { ApprovalNotifications } from '../../application/governance/approval-notifications';
import { ApprovalWebhookUseCase } from '../../application/governance/approval-webhook.use-case';
import { BreakGlassUseCase } from '../../application/governance/break-glass.use-case';
import { CreateApprovalUseCase } from '../../application/governance/create-approval.use-case';
import { DecideApprovalUseCase } from '../../application/governance/decide-approval.use-case';
import { DecisionTokenIssuer } from '../../application/governance/decision-token-issuer';
import { EvaluatePolicyUseCase } from '../../application/governance/evaluate-policy.use-case';
import { GetApprovalUseCase, ListApprovalsUseCase } from '../../application/governance/get-approval.use-case';
import {
  ActivatePolicyVersionUseCase,
  CreatePolicyUseCase,
  ListPoliciesUseCase,
  ListPolicyVersionsUseCase,
} from '../../application/governance/manage-policies.use-case';
import { SweepGovernanceUseCase } from '../../application/governance/sweep-governance.use-case';
import { StepWriter } from '../../application/runs/step-writer';
import { TenantRedaction } from '../../application/runs/tenant-redaction';
import { AuditLog } from '../../domain/audit/ports/audit-log.port';
import { ApprovalRepository } from '../../domain/governance/ports/approval-repository.port';
import { DecisionTokenLedger, DecisionTokenSigner } from '../../domain/governance/ports/decision-tokens.port';
import { PolicyEngine } from '../../domain/governance/ports/policy-engine.port';
import { PolicyRepository } from '../../domain/governance/ports/policy-repository.port';
import { WebhookOutbox, WebhookSender } from '../../domain/governance/ports/webhook-outbox.port';
import { RunRepository } from '../../domain/runs/ports/run-repository.port';
import { Clock } from '../../domain/shared/ports/clock.port';
import { Digest } from '../../domain/shared/ports/digest.port';
import { EventPublisher } from '../../domain/shared/ports/event-publisher.port';
import { IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { ProjectRepository } from '../../domain/tenancy/ports/project-repository.port';
import { SecretTokens } from '../../domain/tenancy/ports/secret-tokens.port';
import { SecretBox } from '../../infrastructure/crypto/secret-box';
import { Database } from '../../infrastructure/persistence/database';
import { TypeormApprovalRepository } from '../../infrastructure/persistence/repositories/typeorm-approval.repository';
import { TypeormPolicyRepository } from '../../infrastructure/persistence/repositories/typeorm-policy.repository';
import { TypeormWebhookOutbox } from '../../infrastructure/persistence/repositories/typeorm-webhook-outbox';
import { CedarPolicyEngine } from '../../infrastructure/policy/cedar-policy-engine';
import { FetchWebhookSender } from '../../infrastructure/webhooks/fetch-webhook-sender';
import { ApprovalsController } from '../../presentation/http/controllers/approvals.controller';
import { AuditController } from '../../presentation/http/controllers/audit.controller';
import { GovernanceSettingsController } from '../../presentation/http/controllers/governance-settings.controller';
import { PoliciesController } from '../../presentation/http/controllers/policies.controller';
import { adapter, useCase } from './providers';
import { RunsModule } from './runs.module';
import { TenancyModule } from './tenancy.module';

/** Govern: versioned Cedar policies, approvals bound by signed decision tokens, the audit log. */
@Module({
  imports: [TenancyModule, RunsModule],
  controllers: [PoliciesController, ApprovalsController, AuditController, GovernanceSettingsController],
  providers: [
    ...adapter(PolicyRepository, TypeormPolicyRepository, [Database]),
    ...adapter(ApprovalRepository, TypeormApprovalRepository, [Database]),
    ...adapter(WebhookOutbox, TypeormWebhookOutbox, [Database, SecretBox]),
    ...adapter(WebhookSender, FetchWebhookSender, []),
    ...adapter(PolicyEngine, CedarPolicyEngine, []),
    useCase(ApprovalNotifications, [EventPublisher, WebhookOutbox], (r) => ({ publicUrl: r.publicUrl })),
    useCase(DecisionTokenIssuer, [DecisionTokenSigner, DecisionTokenLedger, AuditLog, IdGenerator], (r) => ({
      ttlSeconds: r.config.COCKPIT_DECISION_TOKEN_TTL,
    })),
    useCase(CreatePolicyUseCase, [
      PolicyRepository,
      ProjectRepository,
      PolicyEngine,
      AuditLog,
      UnitOfWork,
      Clock,
    ]),
    useCase(ActivatePolicyVersionUseCase, [PolicyRepository, AuditLog, UnitOfWork, Clock]),
    useCase(ListPoliciesUseCase, [PolicyRepository]),
    useCase(ListPolicyVersionsUseCase, [PolicyRepository]),
    useCase(EvaluatePolicyUseCase, [
      PolicyRepository,
      ProjectRepository,
      RunRepository,
      PolicyEngine,
      StepWriter,
      DecisionTokenIssuer,
      Digest,
      UnitOfWork,
      IdGenerator,
      Clock,
    ]),
    useCase(
      CreateApprovalUseCase,
      [
        ApprovalRepository,
        RunRepository,
        PolicyRepository,
        TenantRedaction,
        ApprovalNotifications,
        AuditLog,
        Digest,
        UnitOfWork,
        IdGenerator,
        Clock,
      ],
      (r) => ({ ttlSeconds: r.config.COCKPIT_APPROVAL_TTL }),
    ),
    useCase(GetApprovalUseCase, [ApprovalRepository, DecisionTokenLedger, Clock]),
    useCase(ListApprovalsUseCase, [ApprovalRepository, Clock]),
    useCase(DecideApprovalUseCase, [
      ApprovalRepository,
      RunRepository,
      PolicyRepository,
      DecisionTokenIssuer,
      StepWriter,
      ApprovalNotifications,
      AuditLog,
      UnitOfWork,
      Clock,
    ]),
    useCase(BreakGlassUseCase, [
      RunRepository,
      DecisionTokenIssuer,
      StepWriter,
      ApprovalNotifications,
      EventPublisher,
      AuditLog,
      Digest,
      UnitOfWork,
      IdGenerator,
      Clock,
    ]),
    useCase(SweepGovernanceUseCase, [
      ApprovalRepository,
      WebhookOutbox,
      WebhookSender,
      RunRepository,
      StepWriter,
      ApprovalNotifications,
      AuditLog,
      UnitOfWork,
      Clock,
    ]),
    useCase(ApprovalWebhookUseCase, [WebhookOutbox, SecretTokens, AuditLog, UnitOfWork, Clock]),
    useCase(ListAuditUseCase, [AuditLog]),
    useCase(VerifyAuditLogUseCase, [AuditLog, Digest]),
  ],
  exports: [
    EvaluatePolicyUseCase,
    GetApprovalUseCase,
    CreateApprovalUseCase,
    WebhookOutbox,
    ListApprovalsUseCase,
    DecideApprovalUseCase,
    VerifyAuditLogUseCase,
    SweepGovernanceUseCase,
  ],
})
export class GovernanceModule {}
