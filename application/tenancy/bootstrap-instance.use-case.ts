import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, ok } from '../../domain/shared/result';
import { parseEmail } from '../../domain/tenancy/email';
import { type InstanceSettings } from '../../domain/tenancy/ports/instance-settings.port';
import { type PasswordHasher } from '../../domain/tenancy/ports/password-hasher.port';
import { type SecretTokens } from '../../domain/tenancy/ports/secret-tokens.port';
import { checkPassword } from '../../domain/tenancy/user.entity';
import { type TenantProvisioning } from './tenant-provisioning';

export interface BootstrapInput {
  readonly adminEmail: string;
  /** When absent, a password is generated and returned once so the caller can print it. */
  readonly adminPassword?: string;
}

export type BootstrapOutcome =
  | { readonly created: false }
  | {
      readonly created: true;
      readonly adminEmail: string;
      readonly generatedPassword: string | null;
      readonly tenantId: string;
      readonly projectId: string;
    };

/**
 * First start of an empty instance: the operator (who may create tenants) and a demo tenant in
 * which that operator is Admin, with a default project. Runs once per database, even when several
 * replicas start at the same moment: the claim and the seeding commit together.
 */
export class BootstrapInstanceUseCase {
  constructor(
    private readonly settings: InstanceSettings,
    private readonly provisioning: TenantProvisioning,
    private readonly uow: UnitOfWork,
    private readonly passwords: PasswordHasher,
    private readonly tokens: SecretTokens,
  ) {}

  async execute(input: BootstrapInput): Promise<Result<BootstrapOutcome>> {
    const email = parseEmail(input.adminEmail, 'COCKPIT_ADMIN_EMAIL');
    if (!email.ok) return email;
    const generatedPassword = input.adminPassword === undefined ? this.tokens.random(24) : null;
    const password = checkPassword(
      input.adminPassword ?? (generatedPassword as string),
      'COCKPIT_ADMIN_PASSWORD',
    );
    if (!password.ok) return password;
    const passwordHash = await this.passwords.hash(password.value);

    const prepared = this.provisioning.prepare({
      name: 'Demo',
      plan: 'team',
      projectName: 'demo',
      admin: { email: email.value, passwordHash, isOperator: true },
    });
    if (!prepared.ok) return prepared;
    const { tenant, defaultProject } = prepared.value;

    return this.uow.inTenant<BootstrapOutcome>(tenant.id, async () => {
      if (!(await this.settings.claimBootstrap())) return ok({ created: false });
      const stored = await this.provisioning.store(prepared.value);
      if (!stored.ok) return stored;
      return ok({
        created: true,
        adminEmail: email.value,
        generatedPassword,
        tenantId: tenant.id,
        projectId: defaultProject.id,
      });
    });
  }
}
