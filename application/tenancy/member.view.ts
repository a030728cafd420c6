import { z } from 'zod';
import { type Membership } from '../../domain/tenancy/membership.entity';
import { ROLES } from '../../domain/tenancy/role';
import { type User } from '../../domain/tenancy/user.entity';

export const MemberView = z.object({
  user_id: z.uuid(),
  tenant_id: z.uuid(),
  email: z.string(),
  display_name: z.string().nullable(),
  role: z.enum(ROLES),
  status: z.enum(['active', 'invited', 'disabled']),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type MemberView = z.infer<typeof MemberView>;

export const toMemberView = (membership: Membership, user: User): MemberView => ({
  user_id: user.id,
  tenant_id: membership.tenantId,
  email: user.email,
  display_name: user.displayName,
  role: membership.role,
  status: user.status,
  created_at: membership.createdAt.toISOString(),
  updated_at: membership.updatedAt.toISOString(),
});
