import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Actor } from '../../application/shared/actor';
import { AssessWorkloadsUseCase } from '../../application/migration/assess-workloads.use-case';
import { ImportInventoryUseCase } from '../../application/migration/import-inventory.use-case';
import { PlanWavesUseCase } from '../../application/migration/plan-waves.use-case';
import { PlanWavesInput } from '../../application/migration/migration-input';
import { parseInventory } from '../../domain/migration/inventory/inventory-parser';
import { nameKey } from '../../domain/migration/workload.entity';
import { ok } from '../../domain/shared/result';
import { sha256 } from '../../infrastructure/crypto/sha256';
import { SimulatedPriceCatalog } from '../../infrastructure/migration/simulated-price-catalog';
import { TypeormAuditLog } from '../../infrastructure/persistence/repositories/typeorm-audit-log';
import { TypeormTenantRepository } from '../../infrastructure/persistence/repositories/typeorm-tenant.repository';
import { TypeormWorkloadRepository } from '../../infrastructure/persistence/repositories/typeorm-workload.repository';
import { SystemClock } from '../../infrastructure/system/system-clock';
import { UuidV7IdGenerator } from '../../infrastructure/system/uuid-v7-id-generator';
import { aTenant } from '../support/builders';
import { type TestDatabase, openTestDatabase } from '../support/test-database';

const SAMPLES = join(__dirname, '..', '..', 'samples');
const read = (file: string) => readFileSync(join(SAMPLES, file), 'utf8');

describe('the shipped sample inventory', () => {
  it('lists the same workloads in CSV and JSON, the CSV with exactly three bad rows', () => {
    const csv = parseInventory(read('inventory.csv'), 'csv');
    const json = parseInventory(read('inventory.json'), 'json');
    expect(json.errors).toEqual([]);
    expect(csv.rows.length).toBeGreaterThanOrEqual(60);
    expect(csv.rows.map((r) => r.facts)).toEqual(json.rows.map((r) => r.facts));
    expect(csv.errors).toEqual([
      expect.objectContaining({ line: 22, name: 'mystery-appliance', field: 'environment' }),
      expect.objectContaining({ line: 43, name: 'report-cruncher', field: 'cpu' }),
      expect.objectContaining({ line: 59, name: 'kiosk-backend', field: 'cpu_p50' }),
    ]);
    const names = new Set(csv.rows.map((r) => nameKey(r.facts.name)));
    const dangling = csv.rows.flatMap((r) => r.facts.dependencies.filter((d) => !names.has(nameKey(d))));
    expect(dangling).toEqual([]);
  });

  describe('imported, assessed and planned', () => {
    let testDb: TestDatabase;
    const tenant = aTenant({ name: 'Sample Co' });
    const actor: Actor = {
      kind: 'user',
      userId: '00000000-0000-7000-8000-0000000000aa',
      email: 'admin@sample.test',
      sessionId: 's1',
      tenantId: tenant.id,
      role: 'admin',
      isOperator: false,
    };
    let importer: ImportInventoryUseCase;
    let assess: AssessWorkloadsUseCase;
    let planner: PlanWavesUseCase;

    beforeAll(async () => {
      testDb = await openTestDatabase('pglite');
      const db = testDb.db;
      await db.inTenant(tenant.id, async () => ok(await new TypeormTenantRepository(db).create(tenant)));
      const workloads = new TypeormWorkloadRepository(db);
      const catalog = new SimulatedPriceCatalog();
      const clock = new SystemClock();
      importer = new ImportInventoryUseCase(
        workloads,
        new TypeormAuditLog(db, sha256),
        db,
        new UuidV7IdGenerator(),
        clock,
      );
      assess = new AssessWorkloadsUseCase(workloads, catalog, clock);
      planner = new PlanWavesUseCase(workloads, catalog, clock);
    });

    afterAll(async () => {
      await testDb?.close();
    });

    it('imports the good rows, reports the bad ones by line, and a second import changes nothing', async () => {
      const first = await importer.execute(actor, { content: read('inventory.csv'), format: 'csv' });
      if (!first.ok) throw new Error(first.error.message);
      expect(first.value).toMatchObject({ imported: 68, updated: 0, rejected: 3 });
      expect(first.value.errors.map((e) => e.line)).toEqual([22, 43, 59]);
      const again = await importer.execute(actor, { content: read('inventory.json'), format: 'json' });
      expect(again.ok && again.value).toMatchObject({ imported: 0, updated: 0, unchanged: 68, rejected: 0 });
    });

    it('refuses a file whose every row is bad and stores nothing from it', async () => {
      const header = read('inventory.csv').split('\n')[0];
      const result = await importer.execute(actor, {
        content: `${header}\nonly-bad,moon,Ubuntu,2,4,10,,,,,,\n`,
        format: 'csv',
      });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.reason).toBe('no_valid_rows');
        expect(result.error.fields).toEqual([expect.objectContaining({ path: 'environment', line: 2 })]);
      }
    });

    it('plans waves that respect every dependency, with wave 1 non-empty and cycles moving together', async () => {
      const assessed = await assess.execute(actor, {});
      expect(assessed.ok && assessed.value.assessed).toBe(68);
      const planned = await planner.execute(actor, PlanWavesInput.parse({}));
      if (!planned.ok) throw new Error(planned.error.message);
      const plan = planned.value;
      expect(plan.unassessed).toBe(0);
      expect(plan.waves[0]?.workloads.length).toBeGreaterThan(0);
      expect(plan.cycles.length).toBeGreaterThanOrEqual(3);
      expect(plan.excluded.map((e) => e.strategy).sort()).toEqual(
        expect.arrayContaining(['retain', 'retire']),
      );
      const waveOf = new Map(
        plan.waves.flatMap((w) => w.workloads.map((m) => [nameKey(m.name), w.number] as const)),
      );
      const groupOf = new Map(
        plan.waves.flatMap((w) => w.workloads.map((m) => [nameKey(m.name), m.group] as const)),
      );
      const rows = parseInventory(read('inventory.json'), 'json').rows;
      for (const { facts } of rows) {
        const mine = nameKey(facts.name);
        if (!waveOf.has(mine)) continue;
        for (const dependency of facts.dependencies.map(nameKey)) {
          if (!waveOf.has(dependency)) continue;
          if (groupOf.get(dependency) === groupOf.get(mine))
            expect(waveOf.get(dependency)).toBe(waveOf.get(mine));
          else expect(waveOf.get(dependency)!).toBeLessThan(waveOf.get(mine)!);
        }
      }
      for (const wave of plan.waves) {
        expect(wave.size).toBeLessThanOrEqual(10);
        expect(wave.tco.current_monthly_usd).toBeGreaterThan(0);
      }
    });
  });
});
