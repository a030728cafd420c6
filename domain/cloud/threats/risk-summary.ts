import { type Resource } from '../resource.entity';
import { type Finding, SEVERITIES, type Severity } from './finding';
import { isLive } from './tags';

/**
 * Points per finding. One critical finding alone puts a scope at 40 ("act now"), two at 80; it
 * takes five highs or twenty mediums to reach the same 100. Lows barely move the score: they are
 * hygiene, not exposure.
 */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {
  critical: 40,
  high: 20,
  medium: 5,
  low: 1,
};
export const MAX_RISK_SCORE = 100;

export interface RiskScore {
  readonly counts: Readonly<Record<Severity, number>>;
  readonly findings: number;
  /** 0–100: Σ weight × count, capped at 100. */
  readonly score: number;
  /** Live (not terminated) resources the scan looked at. */
  readonly resourcesScanned: number;
}

export interface ProviderRisk extends RiskScore {
  readonly providerId: string;
}

export interface RiskSummary {
  readonly tenant: RiskScore;
  /** Every provider that has live resources or findings, sorted by id. */
  readonly providers: readonly ProviderRisk[];
}

/**
 * The score is a capped weighted sum rather than a ratio to the estate's size on purpose: one
 * public RDP port is as urgent in a thousand-VM estate as in a three-VM one.
 */
export function riskSummary(findings: readonly Finding[], resources: readonly Resource[]): RiskSummary {
  const live = resources.filter(isLive);
  const providerIds = [
    ...new Set([...live.map((r) => r.providerId), ...findings.map((f) => f.providerId)]),
  ].sort();
  return {
    tenant: score(findings, live.length),
    providers: providerIds.map((providerId) => ({
      providerId,
      ...score(
        findings.filter((f) => f.providerId === providerId),
        live.filter((r) => r.providerId === providerId).length,
      ),
    })),
  };
}

function score(findings: readonly Finding[], resourcesScanned: number): RiskScore {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  const weighted = SEVERITIES.reduce((sum, s) => sum + SEVERITY_WEIGHTS[s] * counts[s], 0);
  return { counts, findings: findings.length, score: Math.min(MAX_RISK_SCORE, weighted), resourcesScanned };
}
