import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error';
import { type UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result, err } from '../../domain/shared/result';
import { parseEmail } from '../../domain/tenancy/email';
import { type PasswordHasher } from '../../domain/tenancy/ports/password-hasher.port';
import { TENANT_PLANS } from '../../domain/tenancy/tenant.entity';
import { checkPassword } from '../../domain/tenancy/user.entity';
import { type Actor } from '../shared/actor';
import { authorizeOperator } from '../shared/authorize';
import { type ProvisionedTenant, type TenantProvisioning } from './tenant-provisioning';

export const CreateTenantInput = z.strictObject({
  name: z.string().min(1).max(120),
  admin_email: z.string().max(254).describe("The first admin's email; must not belong to an existing user"),
  admin_password: z.string().min(12).max(72).describe("The first admin's password (12 to 72 bytes)"),
  admin_display_name: z.string().max(120).optional(),
  plan: z.enum(TENANT_PLANS).optional().describe('Operator only; self-service sign-ups get the default plan'),
});
export type CreateTenantInput = z.infer<typeof CreateTenantInput>;

export type CreatedTenant = ProvisionedTenant;

/**
 * A new tenant with its first admin and a default project, in one transaction. Only the instance
 * operator may do this, unless self-service sign-up is open (COCKPIT_SIGNUP=open).
 */
export class CreateTenantUseCase {
  constructor(
    private readonly provisioning: TenantProvisioning,
    private readonly uow: UnitOfWork,
    private readonly passwords: PasswordHasher,
    private readonly options: { readonly signupOpen: boolean },
  ) {}

  async execute(actor: Actor | null, input: CreateTenantInput): Promise<Result<CreatedTenant>> {
    const isOperator = actor?.kind === 'user' && actor.isOperator;
    if (!this.options.signupOpen) {
      const operator = authorizeOperator(actor);
      if (!operator.ok) return operator;
    }
    if (input.plan && !isOperator) {
      return err(DomainError.forbidden('only the instance operator can choose a plan', 'operator_only'));
    }
    const email = parseEmail(input.admin_email, 'admin_email');
    if (!email.ok) return email;
    const password = checkPassword(input.admin_password, 'admin_password');
    if (!password.ok) return password;

    // Hash before the transaction: bcrypt takes ~0.25 s and must not hold a database connection.
    const passwordHash = await this.passwords.hash(password.value);
    const prepared = this.provisioning.prepare({
      name: input.name,
      plan: input.plan,
      projectName: 'default',
      admin: { email: email.value, passwordHash, displayName: input.admin_display_name },
    });
    if (!prepared.ok) return prepared;
    return this.uow.inTenant(prepared.value.tenant.id, () => this.provisioning.store(prepared.value));
  }
}
