/** Roles are ordered: each one can do everything the ones before it can. */
export const ROLES = ['viewer', 'developer', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** API keys act for a project; they never manage people, keys or policies. */
export const API_KEY_ROLES = ['viewer', 'developer'] as const satisfies readonly Role[];
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

export const roleAtLeast = (role: Role, minimum: Role): boolean =>
  ROLES.indexOf(role) >= ROLES.indexOf(minimum);
