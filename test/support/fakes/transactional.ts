/**
 * A fake that can take part in FakeUnitOfWork's rollback: `snapshot()` copies its state and returns
 * the function that puts that copy back. Fakes store immutable entities, so shallow copies suffice.
 */
export interface Transactional {
  snapshot(): () => void;
}

export function snapshotMap<K, V>(map: Map<K, V>): () => void {
  const copy = new Map(map);
  return () => {
    map.clear();
    for (const [key, value] of copy) map.set(key, value);
  };
}
