const SEGMENT = '[a-z][a-z0-9_]*';
const ACTION = new RegExp(`^${SEGMENT}(\\.${SEGMENT})+$`);
const WILDCARD = new RegExp(`^${SEGMENT}(\\.${SEGMENT})*\\.\\*$`);

/** An action name: dotted lower-case segments, at least two (`cost.analyze`). */
export const isActionName = (value: string): boolean => ACTION.test(value);

/**
 * A permission is an exact action name or `prefix.*`. There is deliberately no bare `*`: every
 * grant names at least the family it opens.
 */
export const isPermission = (value: string): boolean => ACTION.test(value) || WILDCARD.test(value);

/**
 * Whether one permission covers an action. `migration.*` covers `migration.plan_wave` and
 * `migration.x.y` but not `migration` itself nor `migrations.x`. Anything malformed covers nothing.
 */
export function covers(permission: string, action: string): boolean {
  if (!isActionName(action)) return false;
  if (ACTION.test(permission)) return permission === action;
  if (!WILDCARD.test(permission)) return false;
  return action.startsWith(permission.slice(0, -1));
}

export const permits = (permissions: readonly string[], action: string): boolean =>
  permissions.some((p) => covers(p, action));
