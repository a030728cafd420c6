import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  type AuditVerification,
  ListAuditInput,
  ListAuditUseCase,
  VerifyAuditLogUseCase,
} from '../../../application/audit/audit-log.use-case';
import { AuditEntryView, AuditVerificationView } from '../../../application/audit/audit.view';
import { type Actor } from '../../../application/shared/actor';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { NoQuery } from '../params';
import { unwrap } from '../result';

const AuditListView = z.object({
  items: z.array(AuditEntryView),
  next_before_seq: z.number().int().nullable(),
});

@Controller('v1')
export class AuditController {
  constructor(
    private readonly listAudit: ListAuditUseCase,
    private readonly verifyAudit: VerifyAuditLogUseCase,
  ) {}

  @Get('audit')
  @Api({
    access: 'admin',
    summary: "The tenant's append-only, hash-chained audit log (newest first)",
    tags: ['audit'],
    query: ListAuditInput,
    response: AuditListView,
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListAuditInput,
  ): Promise<z.infer<typeof AuditListView>> {
    return unwrap(await this.listAudit.execute(actor, query));
  }

  @Get('audit::verify')
  @Api({
    access: 'admin',
    summary: 'Recompute the hash chain and report the first broken link',
    tags: ['audit'],
    query: NoQuery,
    response: AuditVerificationView,
  })
  async verify(@CurrentActor() actor: Actor): Promise<AuditVerification> {
    return unwrap(await this.verifyAudit.execute(actor));
  }
}
