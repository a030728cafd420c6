import { DomainError } from '../shared/domain-error';
import { type Result, err, ok } from '../shared/result';
import { type TenantId } from '../shared/tenant-id';

export const INVITE_TTL_SECONDS = 7 * 24 * 3600;

/** A one-time link that lets an invited user choose a password. Only its digest is stored. */
export interface InviteProps {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly userId: string;
  readonly tokenHash: string;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly acceptedAt: Date | null;
}

export class Invite {
  private constructor(private readonly props: InviteProps) {}

  static create(input: Omit<InviteProps, 'createdAt' | 'expiresAt' | 'acceptedAt'> & { now: Date }): Invite {
    const { now, ...rest } = input;
    return new Invite({
      ...rest,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITE_TTL_SECONDS * 1000),
      acceptedAt: null,
    });
  }

  static restore(props: InviteProps): Invite {
    return new Invite(props);
  }

  get id(): string {
    return this.props.id;
  }
  get tenantId(): TenantId {
    return this.props.tenantId;
  }
  get userId(): string {
    return this.props.userId;
  }
  get tokenHash(): string {
    return this.props.tokenHash;
  }
  get createdBy(): string | null {
    return this.props.createdBy;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get expiresAt(): Date {
    return this.props.expiresAt;
  }
  get acceptedAt(): Date | null {
    return this.props.acceptedAt;
  }

  accept(now: Date): Result<Invite> {
    if (this.props.acceptedAt)
      return err(DomainError.gone('this invite has already been used', 'invite_used'));
    if (this.props.expiresAt <= now)
      return err(DomainError.gone('this invite has expired', 'invite_expired'));
    return ok(new Invite({ ...this.props, acceptedAt: now }));
  }
}
