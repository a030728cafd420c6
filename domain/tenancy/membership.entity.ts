import { type TenantId } from '../shared/tenant-id';
import { type Role } from './role';

export interface MembershipProps {
  readonly tenantId: TenantId;
  readonly userId: string;
  readonly role: Role;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A user's role inside one tenant. A user may belong to several tenants. */
export class Membership {
  private constructor(private readonly props: MembershipProps) {}

  static grant(input: { tenantId: TenantId; userId: string; role: Role; now: Date }): Membership {
    return new Membership({ ...input, createdAt: input.now, updatedAt: input.now });
  }

  static restore(props: MembershipProps): Membership {
    return new Membership(props);
  }

  get tenantId(): TenantId {
    return this.props.tenantId;
  }
  get userId(): string {
    return this.props.userId;
  }
  get role(): Role {
    return this.props.role;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }

  changeRole(role: Role, now: Date): Membership {
    return new Membership({ ...this.props, role, updatedAt: now });
  }
}
