import { type RedactorFactory } from '../application/runs/tenant-redaction';
import { Redactor } from '../domain/shared/redaction/redactor';

/** The domain redaction engine, keyed per tenant by TenantRedaction. */
export const createRedactor: RedactorFactory = (hash) => new Redactor(hash);
