import { type IngressRule } from '../resource.entity';
import { type FindingDraft, type Severity, type ThreatRule } from './finding';

interface AdminPort {
  readonly port: number;
  readonly service: string;
  readonly severity: Severity;
}

/** RDP is graded worse than SSH: it is brute-forced at scale and has had wormable flaws. */
const ADMIN_PORTS: readonly AdminPort[] = [
  { port: 3389, service: 'RDP', severity: 'critical' },
  { port: 22, service: 'SSH', severity: 'high' },
];

/**
 * Spellings of "TCP or every protocol": AWS uses `tcp`/`6`/`-1`, Azure `Tcp`/`*`, GCP `tcp`/`all`.
 * UDP cannot carry SSH or RDP sessions, so it does not count.
 */
const TCP_OR_ALL: ReadonlySet<string> = new Set(['tcp', '6', '-1', 'all', '*', 'any']);

/**
 * Sources that mean "the whole internet". Any `/0` prefix covers every address whatever the bits
 * before it; Azure also writes `*`, `Any` or the `Internet` service tag.
 */
export function isWorldOpen(cidr: string): boolean {
  const source = cidr.trim().toLowerCase();
  return source.endsWith('/0') || source === '*' || source === 'any' || source === 'internet';
}

/**
 * Whether the rule lets TCP reach `port`. A range runs from `port` to `toPort`; a negative port, or
 * port 0 with no upper bound, is how the clouds write "every port" (AWS `-1`, GCP without ports).
 */
export function coversPort(rule: IngressRule, port: number): boolean {
  if (!TCP_OR_ALL.has(rule.protocol.trim().toLowerCase())) return false;
  const to = rule.toPort ?? rule.port;
  if (rule.port < 0 || (rule.port === 0 && to <= 0)) return true;
  return rule.port <= port && port <= to;
}

export const publicAdminPortRule: ThreatRule = {
  id: 'public-admin-port',
  title: 'Administration port open to the internet',
  severity: 'critical',
  description:
    'A VM or security group accepts SSH (22) or RDP (3389) from 0.0.0.0/0 or ::/0, inviting brute-force and exploit traffic.',
  evaluate(resource) {
    if (resource.type !== 'vm' && resource.type !== 'security_group') return [];
    const ingress = resource.config.ingress ?? [];
    return ADMIN_PORTS.flatMap(({ port, service, severity }): FindingDraft[] => {
      const open = ingress.filter((rule) => isWorldOpen(rule.cidr) && coversPort(rule, port));
      if (open.length === 0) return [];
      return [
        {
          severity,
          title: `${service} (port ${port}) open to the internet`,
          evidence: {
            port,
            service,
            rules: open.map((r) => ({
              port: r.port,
              toPort: r.toPort ?? r.port,
              protocol: r.protocol,
              cidr: r.cidr,
            })),
          },
          remediation: `Restrict port ${port} to known address ranges or a VPN, or reach the machine through a bastion or the cloud's session manager instead of a public ${service} port.`,
        },
      ];
    });
  },
};
