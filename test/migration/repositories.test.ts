import { type Migration, type MigrationWorkload } from '../../domain/migration/migration.entity';
import { assessPortfolio } from '../../domain/migration/portfolio';
import { EQUAL_GOALS, type WorkloadFacts } from '../../domain/migration/workload.entity';
import { someFacts } from '../../domain/migration/workload.fake';
import { ok } from '../../domain/shared/result';
import { type Database } from '../../infrastructure/persistence/database';
import { TypeormMigrationRepository } from '../../infrastructure/persistence/repositories/typeorm-migration.repository';
import { TypeormTenantRepository } from '../../infrastructure/persistence/repositories/typeorm-tenant.repository';
import { TypeormWorkloadRepository } from '../../infrastructure/persistence/repositories/typeorm-workload.repository';
import { SimulatedPriceCatalog } from '../../infrastructure/migration/simulated-price-catalog';
import { UuidV7IdGenerator } from '../../infrastructure/system/uuid-v7-id-generator';
import { aTenant } from '../support/builders';
import { type TestDatabase, engines, openTestDatabase } from '../support/test-database';

const ids = new UuidV7IdGenerator();
const AT = new Date('2026-11-23T10:00:00.000Z');

describe.each(engines())('migration repositories on %s', (engine) => {
  let testDb: TestDatabase;
  let db: Database;
  let workloads: TypeormWorkloadRepository;
  let migrations: TypeormMigrationRepository;
  const acme = aTenant({ name: 'Acme' });
  const globex = aTenant({ name: 'Globex' });
  const facts: WorkloadFacts[] = [
    someFacts({ name: 'web-01', dependencies: ['db-01'], techStack: ['nginx'] }),
    someFacts({ name: 'db-01', techStack: ['postgresql'], license: 'rhel', criticality: 'critical' }),
    someFacts({
      name: 'batch-01',
      environment: 'test',
      utilization: { cpuP50: null, cpuP95: null, memP95: null },
    }),
  ];

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    db = testDb.db;
    workloads = new TypeormWorkloadRepository(db);
    migrations = new TypeormMigrationRepository(db);
    const tenants = new TypeormTenantRepository(db);
    for (const tenant of [acme, globex]) {
      await db.inTenant(tenant.id, async () => ok(await tenants.create(tenant)));
    }
  });

  afterAll(async () => {
    await testDb?.close();
  });

  it('imports new workloads, leaves identical rows alone and rewrites changed ones without their assessment', async () => {
    expect(await workloads.upsert(acme.id, facts, { id: ids.next(), at: AT }, () => ids.next())).toEqual({
      imported: 3,
      updated: 0,
      unchanged: 0,
    });
    const all = await workloads.listAll(acme.id);
    const catalog = new SimulatedPriceCatalog();
    await workloads.saveAssessments(
      acme.id,
      assessPortfolio(all, { goals: EQUAL_GOALS, catalog, region: 'sim-us-east', now: AT }),
    );
    const batch = ids.next();
    const again = await workloads.upsert(
      acme.id,
      [facts[0] as WorkloadFacts, { ...(facts[1] as WorkloadFacts), name: 'DB-01', cpu: 16 }],
      { id: batch, at: AT },
      () => ids.next(),
    );
    expect(again).toEqual({ imported: 0, updated: 1, unchanged: 1 });
    const byName = new Map((await workloads.listAll(acme.id)).map((w) => [w.name, w]));
    expect(byName.get('DB-01')).toMatchObject({ cpu: 16, importBatch: batch, assessment: null });
    const web = byName.get('web-01');
    expect(web?.assessment?.assessedAt).toEqual(AT);
    expect(web?.assessment?.readiness.dimensions).toHaveLength(6);
    expect(web?.assessment?.tco.targetSize).toEqual(expect.any(String));
    expect(byName.get('batch-01')?.utilization).toEqual({ cpuP50: null, cpuP95: null, memP95: null });
  });

  it('filters and pages the inventory with a keyset', async () => {
    const first = await workloads.list(acme.id, { limit: 2 });
    expect(first).toHaveLength(2);
    const last = first[1]!;
    const rest = await workloads.list(acme.id, { limit: 10, after: { at: last.createdAt, id: last.id } });
    expect([...first, ...rest].map((w) => w.name).sort()).toEqual(['DB-01', 'batch-01', 'web-01']);
    expect((await workloads.list(acme.id, { environment: 'test', limit: 10 })).map((w) => w.name)).toEqual([
      'batch-01',
    ]);
    expect((await workloads.list(acme.id, { name: 'DB', limit: 10 })).map((w) => w.name)).toEqual(['DB-01']);
    expect((await workloads.list(acme.id, { name: '%', limit: 10 })).map((w) => w.name)).toEqual([]);
    expect((await workloads.list(acme.id, { assessed: false, limit: 10 })).map((w) => w.name)).toEqual([
      'DB-01',
    ]);
  });

  it('keeps workloads per tenant: names may repeat across tenants and rows never leak', async () => {
    await workloads.upsert(globex.id, [facts[0] as WorkloadFacts], { id: ids.next(), at: AT }, () =>
      ids.next(),
    );
    expect((await workloads.listAll(globex.id)).map((w) => w.name)).toEqual(['web-01']);
    const acmeWeb = (await workloads.listAll(acme.id)).find((w) => w.name === 'web-01')!;
    expect(await workloads.findById(globex.id, acmeWeb.id)).toBeNull();
    expect(await workloads.listByIds(globex.id, [acmeWeb.id])).toEqual([]);
    const unscoped = await db.run({}, (m) => m.query('SELECT count(*)::int AS n FROM workloads'));
    expect(unscoped[0].n).toBe(0);
  });

  const migrationWorkload = (id: string, name: string): MigrationWorkload => ({
    workloadId: id,
    name,
    strategy: 'rehost',
    targetService: 'Amazon EC2 (simulated VM)',
    targetSize: 'gp.large',
    state: 'pending',
    targetResourceId: null,
    targetExternalId: null,
    error: null,
    updatedAt: AT,
  });

  const aMigration = (
    wave: number,
    workloadIds: { id: string; name: string }[],
    createdAt = AT,
  ): Migration => ({
    tenantId: acme.id,
    id: ids.next(),
    wave,
    name: `wave ${wave}`,
    stage: 'assess',
    failedStage: null,
    providerId: ids.next(),
    region: 'sim-us-east',
    projectId: null,
    runId: null,
    workflowId: null,
    rollbackWorkflowId: null,
    goals: EQUAL_GOALS,
    caps: { maxWaveSize: 10, maxWaveRisk: 40 },
    tco: null,
    retries: 0,
    error: null,
    startedBy: { kind: 'user', id: 'u1' },
    workloads: workloadIds.map((w) => migrationWorkload(w.id, w.name)),
    createdAt,
    updatedAt: createdAt,
    finishedAt: null,
  });

  it('stores a migration with its workloads, patches the header and each workload apart', async () => {
    const all = await workloads.listAll(acme.id);
    const m = aMigration(1, all.slice(0, 2));
    await migrations.create(m);
    expect(await migrations.findById(acme.id, m.id)).toEqual(m);

    const tco = {
      workloads: 2,
      currentMonthlyUsd: 1000,
      cloudMonthlyUsd: 600,
      monthlySavingsUsd: 400,
      oneTimeMigrationUsd: 4000,
      paybackMonths: 10,
      threeYearSavingsUsd: 10400,
    };
    const wf = ids.next();
    await migrations.update(acme.id, m.id, { stage: 'execute', tco, workflowId: wf, error: null });
    const first = m.workloads[0]!;
    await migrations.saveWorkload(acme.id, m.id, {
      ...first,
      state: 'migrated',
      targetResourceId: ids.next(),
      targetExternalId: 'sim-x-vm-c0001',
    });
    const stored = await migrations.findById(acme.id, m.id);
    expect(stored).toMatchObject({ stage: 'execute', tco, workflowId: wf });
    expect(stored?.workloads.map((w) => w.state)).toEqual(['migrated', 'pending']);
    expect(stored?.workloads[0]?.targetExternalId).toBe('sim-x-vm-c0001');
    expect(await migrations.findById(globex.id, m.id)).toBeNull();
  });

  it('lists by wave and stage, newest first, and reports the workloads still claimed', async () => {
    const all = await workloads.listAll(acme.id);
    const later = new Date(AT.getTime() + 60_000);
    const rolledBack = aMigration(2, [all[2]!], later);
    await migrations.create({ ...rolledBack, stage: 'rolled_back' });
    const listed = await migrations.list(acme.id, { limit: 10 });
    expect(listed.map((m) => m.wave)).toEqual([2, 1]);
    expect((await migrations.list(acme.id, { wave: 2, limit: 10 })).map((m) => m.id)).toEqual([
      rolledBack.id,
    ]);
    expect(await migrations.list(acme.id, { stages: ['complete'], limit: 10 })).toEqual([]);
    const page = await migrations.list(acme.id, { limit: 10, after: { at: later, id: rolledBack.id } });
    expect(page.map((m) => m.wave)).toEqual([1]);
    const claims = await migrations.claims(acme.id);
    expect(claims.map((c) => c.wave)).toEqual([1, 1]);
    expect(claims.map((c) => c.state).sort()).toEqual(['migrated', 'pending']);
  });
});
