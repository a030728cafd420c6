import { type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { execute } from './database';

/**
 * INSERT ... ON CONFLICT DO NOTHING, telling whether the row went in. A unique violation would
 * abort the whole transaction in PostgreSQL; this keeps "already exists" an ordinary answer.
 */
export async function insertIfAbsent<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: T,
): Promise<boolean> {
  const [sql, params] = manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(row)
    .orIgnore()
    .getQueryAndParameters();
  return (await execute(manager, sql, params)) === 1;
}
