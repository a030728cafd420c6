import { type IngressRule } from '../resource.entity';
import { type ThreatContext } from './finding';
import { coversPort, isWorldOpen, publicAdminPortRule } from './public-admin-port.rule';
import { aResource } from '../../../test/support/cloud-builders';

const context: ThreatContext = { resources: [] };
const evaluate = (ingress: IngressRule[], type: 'vm' | 'security_group' | 'database' = 'vm') =>
  publicAdminPortRule.evaluate(aResource({ type, config: { ingress } }), context);

describe('public-admin-port', () => {
  it('reports SSH open to 0.0.0.0/0 as high', () => {
    const [draft, ...rest] = evaluate([{ port: 22, protocol: 'tcp', cidr: '0.0.0.0/0' }]);
    expect(rest).toEqual([]);
    expect(draft).toMatchObject({ severity: 'high', evidence: { port: 22, service: 'SSH' } });
  });

  it('reports RDP open to ::/0 on a security group as critical', () => {
    const drafts = evaluate([{ port: 3389, protocol: 'tcp', cidr: '::/0' }], 'security_group');
    expect(drafts.map((d) => d.severity)).toEqual(['critical']);
  });

  it('reports both ports when a range covers them', () => {
    const drafts = evaluate([{ port: 20, toPort: 4000, protocol: 'TCP', cidr: '0.0.0.0/0' }]);
    expect(drafts.map((d) => d.evidence.port)).toEqual([3389, 22]);
  });

  it('treats protocol -1 with port -1 as every port', () => {
    expect(evaluate([{ port: -1, protocol: '-1', cidr: '0.0.0.0/0' }])).toHaveLength(2);
  });

  it("treats protocol 'all' without ports as every port", () => {
    expect(evaluate([{ port: 0, protocol: 'all', cidr: '::/0' }])).toHaveLength(2);
  });

  it('honours the range of an all-protocol rule that has one', () => {
    expect(evaluate([{ port: 443, protocol: 'all', cidr: '0.0.0.0/0' }])).toEqual([]);
  });

  it('ignores UDP', () => {
    expect(evaluate([{ port: 0, toPort: 65535, protocol: 'udp', cidr: '0.0.0.0/0' }])).toEqual([]);
  });

  it('ignores a range that stops just short of the port', () => {
    expect(evaluate([{ port: 23, toPort: 3388, protocol: 'tcp', cidr: '0.0.0.0/0' }])).toEqual([]);
  });

  it('ignores admin ports open to a private range', () => {
    expect(
      evaluate([
        { port: 22, protocol: 'tcp', cidr: '10.0.0.0/8' },
        { port: 3389, protocol: 'tcp', cidr: '2001:db8::/32' },
      ]),
    ).toEqual([]);
  });

  it('ignores resources that are neither VMs nor security groups', () => {
    expect(evaluate([{ port: 22, protocol: 'tcp', cidr: '0.0.0.0/0' }], 'database')).toEqual([]);
  });

  it('lists every offending rule as evidence', () => {
    const [draft] = evaluate([
      { port: 22, protocol: 'tcp', cidr: '0.0.0.0/0' },
      { port: 22, protocol: 'tcp', cidr: '::/0' },
    ]);
    expect(draft.evidence.rules).toHaveLength(2);
  });

  it.each(['0.0.0.0/0', '::/0', ' ::/0 ', '10.1.2.3/0', '*', 'Internet', 'Any'])(
    'sees %p as the internet',
    (cidr) => {
      expect(isWorldOpen(cidr)).toBe(true);
    },
  );

  it.each(['0.0.0.0/1', '192.168.0.0/16', '::/1', '10.0.0.0/10'])(
    'does not see %p as the internet',
    (cidr) => {
      expect(isWorldOpen(cidr)).toBe(false);
    },
  );

  it('matches range bounds inclusively', () => {
    expect(coversPort({ port: 22, toPort: 22, protocol: '6', cidr: '' }, 22)).toBe(true);
    expect(coversPort({ port: 3389, toPort: 3390, protocol: '*', cidr: '' }, 3389)).toBe(true);
  });
});
