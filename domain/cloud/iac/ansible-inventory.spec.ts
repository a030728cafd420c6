import fc from 'fast-check';
import { exportAnsibleInventory, yamlString } from './ansible-inventory';
import { aMixedInventory, aResource } from '../../../test/support/cloud-builders';

/** Decodes a YAML double-quoted scalar for the escapes `yamlString` emits (a JSON subset). */
const decodeYamlQuoted = (scalar: string): string => JSON.parse(scalar) as string;

describe('exportAnsibleInventory (JSON)', () => {
  const { json } = exportAnsibleInventory(aMixedInventory());

  it('lists only VMs, grouped by provider kind, region and env tag', () => {
    expect(json).toEqual({
      _meta: { hostvars: expect.any(Object) },
      all: {
        children: [
          'ungrouped',
          'aws',
          'azure',
          'env_dev',
          'env_prod',
          'env_staging',
          'gcp',
          'region_eu_west_1',
          'region_europe_west1',
          'region_sim_us_east',
          'region_us_east_1',
          'region_westeurope',
          'simulated',
        ],
      },
      aws: { hosts: ['web_server', 'web_server_2'] },
      azure: { hosts: ['api_1'] },
      gcp: { hosts: ['worker_1'] },
      simulated: { hosts: ['host_1st_sim_box'] },
      env_dev: { hosts: ['host_1st_sim_box'] },
      env_prod: { hosts: ['web_server', 'api_1'] },
      env_staging: { hosts: ['worker_1'] },
      region_eu_west_1: { hosts: ['web_server_2'] },
      region_europe_west1: { hosts: ['worker_1'] },
      region_sim_us_east: { hosts: ['host_1st_sim_box'] },
      region_us_east_1: { hosts: ['web_server'] },
      region_westeurope: { hosts: ['api_1'] },
    });
  });

  it('sets ansible_host to the public IP and omits it when there is none', () => {
    expect(json._meta.hostvars.web_server).toEqual({
      ansible_host: '3.3.3.3',
      cockpit_id: 'r-aws-web',
      cockpit_external_id: 'i-0abc123def4567890',
      cockpit_provider: 'aws',
      region: 'us-east-1',
      size: 't3.micro',
      state: 'running',
      tags: { Owner: 'ops "core" ${team}', env: 'prod' },
    });
    expect(json._meta.hostvars.host_1st_sim_box).not.toHaveProperty('ansible_host');
  });

  it('includes stopped machines but not pending or terminated ones', () => {
    const { json: inv } = exportAnsibleInventory([
      aResource({ id: 'a', name: 'up' }),
      aResource({ id: 'b', name: 'down', state: 'stopped' }),
      aResource({ id: 'c', name: 'booting', state: 'pending' }),
      aResource({ id: 'd', name: 'gone', state: 'terminated' }),
    ]);
    expect(Object.keys(inv._meta.hostvars).sort()).toEqual(['down', 'up']);
  });

  it('reads the env from an Environment tag too and sanitises it into the group name', () => {
    const { json: inv } = exportAnsibleInventory([
      aResource({ name: 'x', tags: { Environment: 'Pre-Prod' } }),
    ]);
    expect(inv.env_pre_prod).toEqual({ hosts: ['x'] });
  });

  it('never names a host like a group', () => {
    const { json: inv } = exportAnsibleInventory([
      aResource({ name: 'aws' }),
      aResource({ id: 'r2', name: 'all' }),
    ]);
    expect(Object.keys(inv._meta.hostvars).sort()).toEqual(['all_2', 'aws_2']);
  });
});

describe('exportAnsibleInventory (YAML)', () => {
  const { yaml } = exportAnsibleInventory(aMixedInventory());
  const lines = yaml.split('\n');

  it('nests groups under all.children with two-space indents', () => {
    expect(lines.slice(0, 5)).toEqual([
      '# Ansible inventory exported by Cockpit.',
      'all:',
      '  children:',
      '    aws:',
      '      hosts:',
    ]);
    expect(lines.filter((l) => /^ {4}\S/.test(l))).toEqual(
      ['aws', 'azure', 'env_dev', 'env_prod', 'env_staging', 'gcp']
        .map((g) => `    ${g}:`)
        .concat(
          [
            'region_eu_west_1',
            'region_europe_west1',
            'region_sim_us_east',
            'region_us_east_1',
            'region_westeurope',
            'simulated',
          ].map((g) => `    ${g}:`),
        ),
    );
  });

  it('writes host variables once, under the provider-kind group', () => {
    expect(yaml.match(/cockpit_id: "r-aws-web"/g)).toHaveLength(1);
    const at = lines.indexOf('        web_server:');
    expect(lines.slice(at, at + 10)).toEqual([
      '        web_server:',
      '          ansible_host: "3.3.3.3"',
      '          cockpit_id: "r-aws-web"',
      '          cockpit_external_id: "i-0abc123def4567890"',
      '          cockpit_provider: "aws"',
      '          region: "us-east-1"',
      '          size: "t3.micro"',
      '          state: "running"',
      '          tags:',
      '            "Owner": "ops \\"core\\" ${team}"',
    ]);
  });

  it('lists the host without variables in its other groups', () => {
    const at = lines.indexOf('    env_prod:');
    expect(lines.slice(at, at + 4)).toEqual([
      '    env_prod:',
      '      hosts:',
      '        web_server:',
      '        api_1:',
    ]);
  });

  it('writes an empty inventory as an empty all group', () => {
    expect(exportAnsibleInventory([]).yaml).toBe('# Ansible inventory exported by Cockpit.\nall: {}\n');
    expect(exportAnsibleInventory([]).json).toEqual({
      _meta: { hostvars: {} },
      all: { children: ['ungrouped'] },
    });
  });

  it('keeps every value on one line, whatever it contains', () => {
    const { yaml: text } = exportAnsibleInventory([
      aResource({
        name: 'x',
        tags: { 'a: b': 'line\nbreak # not a comment', yes: 'no', '\u2028': '\u0085\u007f' },
      }),
    ]);
    expect(text).toContain('"a: b": "line\\nbreak # not a comment"');
    expect(text).toContain('"yes": "no"');
    expect(text).toContain('"\\u2028": "\\u0085\\u007f"');
    expect(text.split('\n').every((l) => !/[\u0085\u2028\u007f]/.test(l))).toBe(true);
  });
});

describe('yamlString', () => {
  it('round-trips any string and never leaves a line break or YAML-forbidden character raw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const scalar = yamlString(text);
        return (
          decodeYamlQuoted(scalar) === text && !/[\n\r\u0085\u2028\u2029\u007f-\u009f\ufeff]/.test(scalar)
        );
      }),
      { numRuns: 500 },
    );
  });
});
