import fc from 'fast-check';
import { READINESS_DIMENSIONS, scoreReadiness } from './readiness';
import { CRITICALITIES, ENVIRONMENTS, SENSITIVITIES } from './workload.entity';
import { someFacts } from './workload.fake';

describe('scoreReadiness', () => {
  it('scores all six named dimensions with weights summing to 1 and a reason each', () => {
    const score = scoreReadiness(someFacts());
    expect(score.dimensions.map((d) => d.dimension)).toEqual([...READINESS_DIMENSIONS]);
    expect(score.dimensions.reduce((s, d) => s + d.weight, 0)).toBeCloseTo(1);
    for (const d of score.dimensions) expect(d.reasons.length).toBeGreaterThan(0);
    expect(score.band).toBe('ready');
  });

  it('rates a COBOL mainframe far below a modern Linux service', () => {
    const mainframe = scoreReadiness(
      someFacts({
        os: 'z/OS 2.4',
        techStack: ['cobol', 'cics', 'db2'],
        license: 'ibm-mips',
        criticality: 'critical',
      }),
    );
    const modern = scoreReadiness(someFacts({ techStack: ['nodejs', 'docker', 'terraform'] }));
    expect(mainframe.band).toBe('not_ready');
    expect(mainframe.dimensions[0]?.reasons.join(' ')).toMatch(/mainframe/);
    expect(modern.total - mainframe.total).toBeGreaterThan(30);
  });

  it('lowers dependency complexity for members of a cycle and for missing dependencies', () => {
    const alone = scoreReadiness(someFacts());
    const tangled = scoreReadiness(someFacts(), {
      dependencies: 3,
      dependents: 4,
      cycleSize: 3,
      missing: ['ldap'],
    });
    const dim = (s: typeof alone) => s.dimensions.find((d) => d.dimension === 'dependency_complexity');
    expect(dim(tangled)?.score).toBeLessThan(dim(alone)?.score ?? 0);
    expect(dim(tangled)?.reasons.join(' ')).toMatch(/cycle of 3.*|ldap/);
  });

  it('reports missing utilization data instead of guessing', () => {
    const score = scoreReadiness(someFacts({ utilization: { cpuP50: null, cpuP95: null, memP95: null } }));
    expect(score.dimensions.find((d) => d.dimension === 'utilization')).toMatchObject({ score: 50 });
  });

  it('keeps every dimension and the total within 0–100 for any workload', () => {
    const pct = fc.option(fc.integer({ min: 0, max: 100 }), { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          os: fc.constantFrom(
            'z/OS',
            'AIX 7.1',
            'Windows Server 2008',
            'RHEL 6',
            'Ubuntu 22.04',
            'ESXi',
            '??',
          ),
          cpu: fc.integer({ min: 1, max: 1024 }),
          memoryGb: fc.integer({ min: 1, max: 24_000 }),
          environment: fc.constantFrom(...ENVIRONMENTS),
          criticality: fc.constantFrom(...CRITICALITIES),
          dataSensitivity: fc.constantFrom(...SENSITIVITIES),
          license: fc.constantFrom(null, 'oracle-ee', 'ibm', 'windows', 'whatever'),
          techStack: fc.subarray(['cobol', 'docker', 'oracle', 'nodejs', 'terraform', 'jira']),
          cpuP95: pct,
          memP95: pct,
        }),
        fc.nat(50),
        fc.nat(50),
        fc.integer({ min: 1, max: 40 }),
        (f, dependencies, dependents, cycleSize) => {
          const score = scoreReadiness(
            someFacts({ ...f, utilization: { cpuP50: null, cpuP95: f.cpuP95, memP95: f.memP95 } }),
            { dependencies, dependents, cycleSize, missing: [] },
          );
          expect(score.total).toBeGreaterThanOrEqual(0);
          expect(score.total).toBeLessThanOrEqual(100);
          for (const d of score.dimensions) expect(d.score >= 0 && d.score <= 100).toBe(true);
        },
      ),
    );
  });
});
