import { asTenantId } from '../../../domain/shared/tenant-id';
import { EMPTY_OVERRIDES, InMemorySimulatedStateStore } from './simulated-state-store';

const tenant = asTenantId('00000000-0000-4000-8000-000000000001');

describe('simulated state store', () => {
  it('starts empty and keeps providers and tenants apart', async () => {
    const store = new InMemorySimulatedStateStore();
    await store.save(tenant, 'p1', {
      events: { x: [{ at: '2026-01-01T00:00:00.000Z', state: 'stopped' }] },
      created: [],
    });
    expect(await store.load(tenant, 'p2')).toEqual(EMPTY_OVERRIDES);
    expect(await store.load(asTenantId('00000000-0000-4000-8000-000000000002'), 'p1')).toEqual(
      EMPTY_OVERRIDES,
    );
    expect((await store.load(tenant, 'p1')).events.x).toHaveLength(1);
  });

  it('does not lose concurrent updates of one provider', async () => {
    const store = new InMemorySimulatedStateStore();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.update(tenant, 'p1', (current) => ({
          overrides: {
            ...current,
            events: {
              ...current.events,
              x: [
                ...(current.events.x ?? []),
                { at: new Date(i * 1000).toISOString(), state: 'running' as const },
              ],
            },
          },
          value: i,
        })),
      ),
    );
    expect((await store.load(tenant, 'p1')).events.x).toHaveLength(20);
  });

  it('saves nothing when a change declines, and still answers its value', async () => {
    const store = new InMemorySimulatedStateStore();
    const save = jest.spyOn(store, 'save');
    expect(await store.update(tenant, 'p1', () => ({ overrides: null, value: 'rejected' }))).toBe('rejected');
    expect(save).not.toHaveBeenCalled();
  });

  it('keeps serving a provider after one change throws', async () => {
    const store = new InMemorySimulatedStateStore();
    await expect(
      store.update(tenant, 'p1', () => {
        throw new Error('bug');
      }),
    ).rejects.toThrow('bug');
    expect(await store.update(tenant, 'p1', () => ({ overrides: EMPTY_OVERRIDES, value: 1 }))).toBe(1);
  });
});
