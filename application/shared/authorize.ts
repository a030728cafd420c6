import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Role, roleAtLeast } from '../../domain/tenancy/role';
import { type Actor, type TenantActor, type UserActor } from './actor';

/**
 * The one place that decides whether an actor may act inside its tenant with at least `minimum`.
 * HTTP guards and MCP tools both end up here, so the two doors cannot disagree.
 */
export function authorizeTenant(actor: Actor | null, minimum: Role): Result<TenantActor> {
  if (!actor) return err(DomainError.unauthorized('authentication is required'));
  if (actor.tenantId === null || actor.role === null) {
    return err(DomainError.forbidden('this credential does not act inside a tenant', 'no_tenant'));
  }
  if (!roleAtLeast(actor.role, minimum)) {
    return err(DomainError.forbidden(`this action needs the ${minimum} role or higher`, 'insufficient_role'));
  }
  return ok(actor as TenantActor);
}

export function authorizeOperator(actor: Actor | null): Result<UserActor> {
  if (!actor) return err(DomainError.unauthorized('authentication is required'));
  if (actor.kind !== 'user' || !actor.isOperator) {
    return err(DomainError.forbidden('only the instance operator can do this', 'operator_only'));
  }
  return ok(actor);
}

/** API keys are bound to one project: any other project is invisible to them. */
export function canSeeProject(actor: TenantActor, projectId: string): boolean {
  return actor.kind !== 'api_key' || actor.projectId === projectId;
}

/**
 * Who may call an operation (an HTTP route, an MCP tool). Every operation declares one.
 * - `public`: no credential (login, health, docs)
 * - `optional`: a credential is read when present (self-service sign-up)
 * - `authenticated`: any valid credential
 * - a role: a credential acting inside a tenant with at least that role
 * - `operator`: the instance operator
 */
export type Access = 'public' | 'optional' | 'authenticated' | 'operator' | Role;

export function checkAccess(access: Access, actor: Actor | null): Result<Actor | null> {
  switch (access) {
    case 'public':
    case 'optional':
      return ok(actor);
    case 'authenticated':
      return actor ? ok(actor) : err(DomainError.unauthorized('authentication is required'));
    case 'operator':
      return authorizeOperator(actor);
    default:
      return authorizeTenant(actor, access);
  }
}
