import { type Resource } from '../resource.entity';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A rule's verdict on one resource, as stored and shown. */
export interface Finding {
  /** Stable kebab-case id: findings are deduplicated and suppressed by it across scans. */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly resourceId: string;
  readonly providerId: string;
  readonly title: string;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly remediation: string;
}

/**
 * What a rule returns; the pack fills in the rule id and the resource. Severity and title default
 * to the rule's own, and a rule overrides them when one check has several grades (SSH vs RDP).
 */
export interface FindingDraft {
  readonly severity?: Severity;
  readonly title?: string;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly remediation: string;
}

/** Everything a rule may look at besides the resource itself. */
export interface ThreatContext {
  /** Every resource of the tenant, terminated ones included (rules that compare resources filter). */
  readonly resources: readonly Resource[];
}

export interface ThreatRule {
  readonly id: string;
  readonly title: string;
  /** The worst severity the rule reports. */
  readonly severity: Severity;
  readonly description: string;
  evaluate(resource: Resource, context: ThreatContext): readonly FindingDraft[];
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Worst first, then by rule and resource, so a report reads the same on every scan. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.resourceId, b.resourceId) ||
    compareText(a.providerId, b.providerId) ||
    compareText(a.title, b.title)
  );
}

/** Code-unit order, not localeCompare: the order must not depend on the machine's locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
