import { parseInventory } from './inventory-parser';

const HEADER =
  'name,environment,os,cpu,memory_gb,storage_gb,utilization,tech_stack,dependencies,license,criticality,data_sensitivity';

describe('parseInventory', () => {
  it('reads good CSV rows and reports each bad one with its line, field and reason', () => {
    const csv = [
      HEADER,
      'web-01,prod,Ubuntu 22.04,4,16GB,100,"20,45,60",nginx;php,db-01,,high,internal',
      'db-01,production,RHEL 8,8,64,2000,"30,70,80",postgres,,,critical,confidential',
      'broken,moon,Ubuntu,lots,16,10,,,,,,',
      ',production,Ubuntu,2,4,10,,,,,,',
    ].join('\n');
    const parsed = parseInventory(csv, 'csv');
    expect(parsed.total).toBe(4);
    expect(parsed.rows.map((r) => [r.line, r.facts.name])).toEqual([
      [2, 'web-01'],
      [3, 'db-01'],
    ]);
    expect(parsed.rows[0]?.facts).toMatchObject({
      environment: 'production',
      memoryGb: 16,
      utilization: { cpuP50: 20, cpuP95: 45, memP95: 60 },
      techStack: ['nginx', 'php'],
      dependencies: ['db-01'],
      license: null,
      criticality: 'high',
    });
    expect(parsed.errors).toEqual([
      {
        line: 4,
        name: 'broken',
        field: 'environment',
        reason: expect.stringContaining('"moon" is not one of'),
      },
      { line: 4, name: 'broken', field: 'cpu', reason: 'cpu "lots" is not a number' },
      { line: 5, field: 'name', reason: 'name is required' },
    ]);
  });

  it('accepts utilization as three columns and header aliases', () => {
    const csv =
      'Workload,Env,Operating System,vCPUs,RAM GB,Disk GB,cpu_p50,cpu_p95,mem_p95\napp,dev,Windows Server 2019,2,8,50,5,10,40';
    const [row] = parseInventory(csv, 'csv').rows;
    expect(row?.facts).toMatchObject({
      name: 'app',
      environment: 'development',
      cpu: 2,
      utilization: { cpuP50: 5, cpuP95: 10, memP95: 40 },
      criticality: 'medium',
      dataSensitivity: 'internal',
    });
  });

  it('rejects a second row with the same name, whatever its case', () => {
    const csv = `${HEADER}\napp,prod,Ubuntu,2,4,10,,,,,,\nAPP,prod,Ubuntu,2,4,10,,,,,,`;
    expect(parseInventory(csv, 'csv').errors).toEqual([
      { line: 3, name: 'APP', field: 'name', reason: 'duplicate name: already on line 2' },
    ]);
  });

  it('rejects p50 above p95 and out-of-range percentages', () => {
    const csv = `${HEADER}\napp,prod,Ubuntu,2,4,10,"90,40,101",,,,,`;
    const fields = parseInventory(csv, 'csv').errors.map((e) => e.field);
    expect(fields).toEqual(['mem_p95', 'cpu_p50']);
  });

  it('fails the whole file when the header has no name column', () => {
    const parsed = parseInventory('host,os\na,b', 'csv');
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toEqual([{ line: 1, field: 'name', reason: 'the header has no name column' }]);
  });

  it('reads a JSON array and reports bad elements by the line they start on', () => {
    const json = `[
  {"name": "a", "environment": "prod", "os": "Ubuntu", "cpu": 2, "memory_gb": 4,
   "utilization": {"cpu_p50": 1, "cpu_p95": 2, "mem_p95": 3}, "dependencies": ["b"]},
  {"name": "b", "environment": "nowhere", "os": "Ubuntu", "cpu": 2, "memoryGb": 4},
  "not an object"
]`;
    const parsed = parseInventory(json, 'json');
    expect(parsed.rows.map((r) => [r.line, r.facts.name, r.facts.dependencies])).toEqual([[2, 'a', ['b']]]);
    expect(parsed.errors.map((e) => [e.line, e.field])).toEqual([
      [4, 'environment'],
      [5, undefined],
    ]);
  });

  it('reads {"workloads": [...]} and reports invalid JSON as a file error', () => {
    const json =
      '{"source": "cmdb", "tags": [{"x": 1}],\n "workloads": [\n {"name": "a", "environment": "test", "os": "RHEL 9", "cpu": 1, "memory_gb": 2}]}';
    expect(parseInventory(json, 'json').rows.map((r) => r.line)).toEqual([3]);
    expect(parseInventory('{oops', 'json').errors[0]?.reason).toMatch(/^not valid JSON/);
  });
});
