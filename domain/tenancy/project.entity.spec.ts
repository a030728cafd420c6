import { asTenantId } from '../shared/tenant-id';
import { Project } from './project.entity';

const tenantId = asTenantId('00000000-0000-7000-8000-000000000001');
const T0 = new Date('2026-11-23T10:00:00.000Z');
const T1 = new Date('2026-11-24T10:00:00.000Z');

function aProject(description: string | null = 'Handles checkout'): Project {
  const created = Project.create({ id: 'p-1', tenantId, name: 'checkout', description, now: T0 });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe('Project', () => {
  it('is created with a trimmed name and description', () => {
    const created = Project.create({ id: 'p-1', tenantId, name: ' checkout ', description: ' d ', now: T0 });
    expect(created.ok && created.value).toMatchObject({
      id: 'p-1',
      tenantId,
      name: 'checkout',
      description: 'd',
      createdAt: T0,
      updatedAt: T0,
    });
  });

  it.each([undefined, null, '', '   '])('stores the description %j as null', (description) => {
    const created = Project.create({ id: 'p-1', tenantId, name: 'checkout', description, now: T0 });
    expect(created.ok && created.value.description).toBeNull();
  });

  it('rejects a blank name with a validation error on "name"', () => {
    const created = Project.create({ id: 'p-1', tenantId, name: '  ', now: T0 });
    expect(!created.ok && created.error.fields.map((field) => field.path)).toEqual(['name']);
  });

  it('rejects a description over 2000 characters with an error on "description"', () => {
    const created = Project.create({
      id: 'p-1',
      tenantId,
      name: 'x',
      description: 'd'.repeat(2001),
      now: T0,
    });
    expect(!created.ok && created.error.fields.map((field) => field.path)).toEqual(['description']);
    const longest = Project.create({
      id: 'p-1',
      tenantId,
      name: 'x',
      description: 'd'.repeat(2000),
      now: T0,
    });
    expect(longest.ok).toBe(true);
  });

  it('updates only the given fields, into a new instance', () => {
    const project = aProject();
    const renamed = project.update({ name: 'payments' }, T1);
    expect(renamed.ok && renamed.value).toMatchObject({
      name: 'payments',
      description: 'Handles checkout',
      createdAt: T0,
      updatedAt: T1,
    });
    expect(renamed.ok && renamed.value).not.toBe(project);
    expect(project).toMatchObject({ name: 'checkout', updatedAt: T0 });
  });

  it('clears the description when it is set to null or blank', () => {
    const nulled = aProject().update({ description: null }, T1);
    expect(nulled.ok && nulled.value.description).toBeNull();
    const cleared = aProject().update({ description: '  ' }, T1);
    expect(cleared.ok && cleared.value.description).toBeNull();
  });

  it('refuses an update with an invalid name or description', () => {
    const project = aProject();
    const badName = project.update({ name: '' }, T1);
    const badDescription = project.update({ description: 'd'.repeat(2001) }, T1);
    expect(!badName.ok && badName.error.fields[0]?.path).toBe('name');
    expect(!badDescription.ok && badDescription.error.fields[0]?.path).toBe('description');
  });
});
