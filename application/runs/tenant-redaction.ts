import { type PayloadHasher } from '../../domain/shared/ports/payload-hasher.port';
import { type RedactionMark } from '../../domain/shared/redaction/redaction-mark';
import { type TenantId } from '../../domain/shared/tenant-id';

/** The redaction engine as the use cases need it (domain/shared/redaction provides it). */
export interface PayloadRedactor {
  redact(
    value: unknown,
    basePath: string,
  ): { readonly value: unknown; readonly marks: readonly RedactionMark[] };
}

export type RedactorFactory = (hash: (value: string) => string) => PayloadRedactor;

/** One redactor per tenant, keyed with that tenant's salt (payloads are stored redacted, always). */
export class TenantRedaction {
  private readonly redactors = new Map<string, Promise<PayloadRedactor>>();

  constructor(
    private readonly hasher: PayloadHasher,
    private readonly createRedactor: RedactorFactory,
  ) {}

  forTenant(tenantId: TenantId): Promise<PayloadRedactor> {
    let redactor = this.redactors.get(tenantId);
    if (!redactor) {
      redactor = this.hasher.forTenant(tenantId).then(this.createRedactor);
      redactor.catch(() => this.redactors.delete(tenantId));
      this.redactors.set(tenantId, redactor);
    }
    return redactor;
  }
}
