import { AsyncLocalStorage } from 'node:async_hooks';
import { Client as PgClient } from 'pg';
import { type DataSource, type EntityManager } from 'typeorm';
import { UnitOfWork } from '../../domain/shared/ports/unit-of-work.port';
import { type Result } from '../../domain/shared/result';
import { type TenantId } from '../../domain/shared/tenant-id';

/**
 * What a transaction may see. Row-level security policies read these settings; the application
 * role sees nothing when none is set. Each repository call names the narrowest scope it needs.
 */
export interface DbScope {
  readonly tenantId?: string;
  readonly userId?: string;
  readonly userEmail?: string;
  readonly sessionId?: string;
  readonly refreshTokenHash?: string;
  readonly apiKeyPrefix?: string;
  readonly inviteTokenHash?: string;
  /** Lets the instance operator see the tenants table (never tenant-owned data). */
  readonly operator?: boolean;
}

const SETTINGS: Readonly<Record<keyof DbScope, string>> = {
  tenantId: 'app.tenant_id',
  userId: 'app.user_id',
  userEmail: 'app.user_email',
  sessionId: 'app.session_id',
  refreshTokenHash: 'app.refresh_token_hash',
  apiKeyPrefix: 'app.api_key_prefix',
  inviteTokenHash: 'app.invite_token_hash',
  operator: 'app.operator',
};

/** The non-superuser role every application transaction switches to, so RLS always applies. */
export const APP_ROLE = 'cockpit_app';

interface Ambient {
  readonly manager: EntityManager;
  scope: DbScope;
}

class Rollback {
  constructor(readonly result: Result<unknown>) {}
}

export class Database extends UnitOfWork {
  private readonly ambient = new AsyncLocalStorage<Ambient>();

  constructor(readonly dataSource: DataSource) {
    super();
  }

  /**
   * Runs `work` in a transaction as the application role with `scope` set. Inside an ongoing
   * unit of work it joins that transaction and widens its scope, but never to another tenant.
   */
  async run<T>(scope: DbScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.ambient.getStore();
    if (current) {
      if (scope.tenantId && current.scope.tenantId && scope.tenantId !== current.scope.tenantId) {
        throw new Error('a unit of work cannot reach into a second tenant');
      }
      const extra = Object.fromEntries(
        Object.entries(scope).filter(([key, value]) => current.scope[key as keyof DbScope] !== value),
      ) as DbScope;
      if (Object.keys(extra).length > 0) {
        await applyScope(current.manager, extra, false);
        current.scope = { ...current.scope, ...extra };
      }
      return work(current.manager);
    }
    return this.dataSource.transaction(async (manager) => {
      await applyScope(manager, scope, true);
      return this.ambient.run({ manager, scope: { ...scope } }, () => work(manager));
    });
  }

  override async inTenant<T>(tenantId: TenantId, work: () => Promise<Result<T>>): Promise<Result<T>> {
    const owner = !this.ambient.getStore();
    try {
      return await this.run({ tenantId }, async () => {
        const result = await work();
        if (!result.ok && owner) throw new Rollback(result);
        return result;
      });
    } catch (error) {
      if (error instanceof Rollback) return error.result as Result<T>;
      throw error;
    }
  }

  /** Liveness of the database itself, for /readyz. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

async function applyScope(manager: EntityManager, scope: DbScope, switchRole: boolean): Promise<void> {
  const calls: string[] = [];
  const params: string[] = [];
  if (switchRole) calls.push(`set_config('role', '${APP_ROLE}', true)`);
  for (const [key, value] of Object.entries(scope)) {
    if (value === undefined) continue;
    params.push(value === true ? 'on' : String(value));
    calls.push(`set_config('${SETTINGS[key as keyof DbScope]}', $${params.length}, true)`);
  }
  // every transaction starts with one of a handful of these: prepared, PostgreSQL parses and
  // plans each once per connection instead of once per transaction
  const sql = `SELECT ${calls.join(', ')}`;
  let name = scopeStatements.get(sql);
  if (!name) scopeStatements.set(sql, (name = `cockpit_scope_${scopeStatements.size}`));
  await prepared(manager, name, sql, params);
}

/** Statement names of the scope statements, by text (a name must always mean the same text). */
const scopeStatements = new Map<string, string>();

/**
 * The rows of any statement, `RETURNING` included: TypeORM's `manager.query` answers an UPDATE or
 * DELETE with `[rows, count]` instead of the rows.
 */
export async function returning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('returning() needs a transactional entity manager');
  const result = await runner.query(sql, params, true);
  return (result.records ?? []) as T[];
}

/** INSERT/UPDATE/DELETE with the affected row count (TypeORM's `manager.query` drops it for INSERT). */
export async function execute(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('execute() needs a transactional entity manager');
  const result = await runner.query(sql, params, true);
  return result.affected ?? 0;
}

/**
 * Rows of a statement that runs on every request of a hot path, as a named prepared statement on
 * PostgreSQL: parsed and planned once per connection instead of on every call. The plan depends on
 * nothing per request (the role is always the application role; RLS reads the tenant at run time).
 * PGlite has no statement cache to gain from and takes the plain path.
 */
export async function prepared<T>(
  manager: EntityManager,
  name: string,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const connection = (manager.queryRunner as { databaseConnection?: unknown } | undefined)
    ?.databaseConnection;
  if (connection instanceof PgClient) {
    const result = await connection.query({ name, text: sql, values: params });
    return result.rows as T[];
  }
  return (await manager.query(sql, params)) as T[];
}
