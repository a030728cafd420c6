import { asTenantId } from '../shared/tenant-id';
import { Membership } from './membership.entity';

const tenantId = asTenantId('00000000-0000-7000-8000-000000000001');
const T0 = new Date('2026-11-23T10:00:00.000Z');
const T1 = new Date('2026-11-24T10:00:00.000Z');

describe('Membership', () => {
  it('is granted with its creation time as its update time', () => {
    expect(Membership.grant({ tenantId, userId: 'u-1', role: 'developer', now: T0 })).toMatchObject({
      tenantId,
      userId: 'u-1',
      role: 'developer',
      createdAt: T0,
      updatedAt: T0,
    });
  });

  it('changes role into a new instance, keeping its creation time', () => {
    const membership = Membership.grant({ tenantId, userId: 'u-1', role: 'admin', now: T0 });
    const changed = membership.changeRole('viewer', T1);
    expect(changed).not.toBe(membership);
    expect(changed).toMatchObject({ role: 'viewer', createdAt: T0, updatedAt: T1 });
    expect(membership).toMatchObject({ role: 'admin', updatedAt: T0 });
  });
});
