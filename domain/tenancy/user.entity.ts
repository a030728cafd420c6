import { DomainError } from '../shared/domain-error';
import { type Result, err, ok } from '../shared/result';
import { requireText } from '../shared/text';
import { type Email } from './email';

/** `invited` users exist so they can be made members before they choose a password. */
export type UserStatus = 'active' | 'invited' | 'disabled';

export interface UserProps {
  readonly id: string;
  readonly email: Email;
  readonly passwordHash: string | null;
  readonly displayName: string | null;
  /** The instance operator manages tenants; it reads no tenant's data unless it is a member. */
  readonly isOperator: boolean;
  readonly status: UserStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export class User {
  private constructor(private readonly props: UserProps) {}

  static register(input: {
    id: string;
    email: Email;
    passwordHash: string | null;
    displayName?: string | null;
    isOperator?: boolean;
    now: Date;
  }): Result<User> {
    const displayName = User.checkDisplayName(input.displayName ?? null);
    if (!displayName.ok) return displayName;
    return ok(
      new User({
        id: input.id,
        email: input.email,
        passwordHash: input.passwordHash,
        displayName: displayName.value,
        isOperator: input.isOperator ?? false,
        status: input.passwordHash === null ? 'invited' : 'active',
        createdAt: input.now,
        updatedAt: input.now,
      }),
    );
  }

  static restore(props: UserProps): User {
    return new User(props);
  }

  get id(): string {
    return this.props.id;
  }
  get email(): Email {
    return this.props.email;
  }
  get passwordHash(): string | null {
    return this.props.passwordHash;
  }
  get displayName(): string | null {
    return this.props.displayName;
  }
  get isOperator(): boolean {
    return this.props.isOperator;
  }
  get status(): UserStatus {
    return this.props.status;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }
  get canLogIn(): boolean {
    return this.props.status === 'active' && this.props.passwordHash !== null;
  }

  /** An invited user sets a password and becomes active. */
  activate(passwordHash: string, displayName: string | null | undefined, now: Date): Result<User> {
    if (this.props.status === 'disabled')
      return err(DomainError.forbidden('this account is disabled', 'user_disabled'));
    if (this.props.status !== 'invited') {
      return err(
        DomainError.conflict('this account is already active: sign in with your password', 'already_active'),
      );
    }
    const name = displayName === undefined ? ok(this.props.displayName) : User.checkDisplayName(displayName);
    if (!name.ok) return name;
    return ok(
      new User({ ...this.props, passwordHash, displayName: name.value, status: 'active', updatedAt: now }),
    );
  }

  private static checkDisplayName(value: string | null): Result<string | null> {
    if (value === null || value.trim() === '') return ok(null);
    return requireText('display_name', value, 120);
  }
}

/**
 * Password rules, checked before hashing. Length is what matters (NIST 800-63B counts each Unicode
 * code point as one character, hence the spread rather than UTF-16 `.length`); bcrypt reads only
 * the first 72 bytes, so longer secrets would silently lose their tail.
 */
export function checkPassword(password: string, field = 'password'): Result<string> {
  const characters = [...password].length;
  const bytes = new TextEncoder().encode(password).length;
  if (characters < 12 || bytes > 72) {
    const message = 'must be at least 12 characters and at most 72 bytes';
    return err(DomainError.validation(`${field} ${message}`, [{ path: field, message }]));
  }
  return ok(password);
}
