import fc from 'fast-check';
import { STRATEGIES, STAYS_PUT, type Strategy } from './strategy';
import { type PlannableWorkload, planWaves, workloadRisk } from './wave-planner';

const item = (
  name: string,
  dependencies: string[] = [],
  strategy: Strategy = 'rehost',
): PlannableWorkload => ({
  id: `id-${name}`,
  name,
  dependencies,
  strategy,
  readiness: 80,
  criticality: 'medium',
});

const waveOf = (plan: ReturnType<typeof planWaves>) =>
  new Map(plan.waves.flatMap((w) => w.workloads.map((m) => [m.name, w.number] as const)));

describe('planWaves', () => {
  it('moves dependencies in earlier waves and cycles together', () => {
    const plan = planWaves([
      item('web', ['api']),
      item('api', ['db', 'auth']),
      item('auth', ['api']),
      item('db'),
      item('old-report', [], 'retire'),
      item('mainframe', [], 'retain'),
      item('batch', ['mainframe']),
    ]);
    const wave = waveOf(plan);
    expect(wave.get('db')).toBe(1);
    expect(wave.get('api')).toBe(wave.get('auth'));
    expect(wave.get('api')).toBeGreaterThan(wave.get('db') as number);
    expect(wave.get('web')).toBeGreaterThan(wave.get('api') as number);
    expect(plan.excluded.map((e) => e.name).sort()).toEqual(['mainframe', 'old-report']);
    expect(plan.cycles).toEqual([['api', 'auth']]);
    expect(plan.notes.join(' ')).toMatch(/batch depends on mainframe/);
  });

  it('respects the size and risk caps, except for a move group that cannot be split', () => {
    const independent = Array.from({ length: 7 }, (_, i) => item(`app-${i}`));
    expect(
      planWaves(independent, { maxWaveSize: 3, maxWaveRisk: 100 }).waves.map((w) => w.workloads.length),
    ).toEqual([3, 3, 1]);
    const risk = workloadRisk('medium', 80);
    expect(planWaves(independent, { maxWaveSize: 100, maxWaveRisk: 2 * risk }).waves).toHaveLength(4);
    const cycle = planWaves([item('a', ['b']), item('b', ['c']), item('c', ['a'])], {
      maxWaveSize: 2,
      maxWaveRisk: 100,
    });
    expect(cycle.waves).toHaveLength(1);
    expect(cycle.waves[0]?.oversized).toBe(true);
  });

  it('for any graph: every dependency moves earlier or in the same cycle, caps hold, nothing is lost', () => {
    const graphs = fc.integer({ min: 1, max: 30 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 2 }),
        strategies: fc.array(fc.constantFrom(...STRATEGIES), { minLength: n, maxLength: n }),
        size: fc.integer({ min: 1, max: 8 }),
        risk: fc.integer({ min: 1, max: 40 }),
      }),
    );
    fc.assert(
      fc.property(graphs, ({ n, edges, strategies, size, risk }) => {
        const items = Array.from({ length: n }, (_, i) =>
          item(
            `w${i}`,
            edges.filter(([from]) => from === i).map(([, to]) => `W${to}`),
            strategies[i] as Strategy,
          ),
        );
        const plan = planWaves(items, { maxWaveSize: size, maxWaveRisk: risk });
        const wave = waveOf(plan);
        const group = new Map(plan.waves.flatMap((w) => w.workloads.map((m) => [m.name, m.group] as const)));
        const moving = items.filter((w) => !STAYS_PUT.has(w.strategy));
        expect(wave.size + plan.excluded.length).toBe(n);
        expect(moving.every((w) => wave.has(w.name))).toBe(true);
        for (const w of moving) {
          for (const dep of w.dependencies.map((d) => d.toLowerCase())) {
            if (!wave.has(dep) || dep === w.name) continue;
            if (group.get(dep) === group.get(w.name)) expect(wave.get(dep)).toBe(wave.get(w.name));
            else expect(wave.get(dep) as number).toBeLessThan(wave.get(w.name) as number);
          }
        }
        for (const w of plan.waves) {
          expect(w.workloads.length).toBeGreaterThan(0);
          if (!w.oversized) {
            expect(w.workloads.length).toBeLessThanOrEqual(size);
            expect(w.risk).toBeLessThanOrEqual(risk);
          }
        }
      }),
    );
  });
});
