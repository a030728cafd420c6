import { asTenantId } from '../shared/tenant-id';
import { RETENTION_DAYS, TENANT_PLANS, Tenant } from './tenant.entity';

const id = asTenantId('00000000-0000-7000-8000-000000000001');
const T0 = new Date('2026-11-23T10:00:00.000Z');
const T1 = new Date('2026-11-24T10:00:00.000Z');

function aTenant(): Tenant {
  const created = Tenant.create({ id, name: 'Acme', now: T0 });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe('Tenant', () => {
  it('is created with a trimmed name on the team plan by default', () => {
    const created = Tenant.create({ id, name: '  Acme  ', now: T0 });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value).toMatchObject({ id, name: 'Acme', plan: 'team', createdAt: T0, updatedAt: T0 });
  });

  it.each(['', '   ', 'x'.repeat(121)])('rejects the name %j with a validation error on "name"', (name) => {
    const created = Tenant.create({ id, name, now: T0 });
    expect(created.ok).toBe(false);
    if (created.ok) return;
    expect(created.error.code).toBe('validation');
    expect(created.error.fields.map((field) => field.path)).toEqual(['name']);
  });

  it.each(TENANT_PLANS)('keeps runs for the retention of the %s plan', (plan) => {
    expect(aTenant().changePlan(plan, T1).retentionDays).toBe(RETENTION_DAYS[plan]);
  });

  it('retains runs 7, 30 and 90 days on free, team and enterprise', () => {
    expect(RETENTION_DAYS).toEqual({ free: 7, team: 30, enterprise: 90 });
  });

  it('renames into a new instance and leaves the original untouched', () => {
    const tenant = aTenant();
    const renamed = tenant.rename(' Globex ', T1);
    expect(renamed.ok).toBe(true);
    if (!renamed.ok) return;
    expect(renamed.value).not.toBe(tenant);
    expect(renamed.value).toMatchObject({ name: 'Globex', createdAt: T0, updatedAt: T1 });
    expect(tenant).toMatchObject({ name: 'Acme', updatedAt: T0 });
  });

  it('refuses an invalid new name', () => {
    const renamed = aTenant().rename(' ', T1);
    expect(renamed.ok).toBe(false);
    if (renamed.ok) return;
    expect(renamed.error.fields[0]?.path).toBe('name');
  });

  it('changes plan into a new instance', () => {
    const tenant = aTenant();
    const changed = tenant.changePlan('enterprise', T1);
    expect(changed).not.toBe(tenant);
    expect(changed).toMatchObject({ plan: 'enterprise', updatedAt: T1 });
    expect(tenant.plan).toBe('team');
  });
});
