import { type Finding, type Severity } from './finding';
import { aResource } from '../../../test/support/cloud-builders';
import { riskSummary } from './risk-summary';

const finding = (severity: Severity, providerId = 'prov-1', resourceId = 'r'): Finding => ({
  ruleId: 'rule',
  severity,
  resourceId,
  providerId,
  title: 't',
  evidence: {},
  remediation: 'r',
});

describe('riskSummary', () => {
  const resources = [
    aResource({ id: 'a', providerId: 'prov-1' }),
    aResource({ id: 'b', providerId: 'prov-1' }),
    aResource({ id: 'c', providerId: 'prov-2' }),
    aResource({ id: 'd', providerId: 'prov-2', state: 'terminated' }),
    aResource({ id: 'e', providerId: 'prov-3', state: 'terminated' }),
  ];

  it('counts findings by severity and scores them for the tenant', () => {
    const summary = riskSummary(
      [finding('critical'), finding('medium', 'prov-2'), finding('low')],
      resources,
    );
    expect(summary.tenant).toEqual({
      counts: { critical: 1, high: 0, medium: 1, low: 1 },
      findings: 3,
      score: 46,
      resourcesScanned: 3,
    });
  });

  it('scores each provider on its own findings and live resources', () => {
    const summary = riskSummary(
      [finding('high'), finding('high', 'prov-2'), finding('high', 'prov-2')],
      resources,
    );
    expect(summary.providers.map((p) => [p.providerId, p.score, p.resourcesScanned])).toEqual([
      ['prov-1', 20, 2],
      ['prov-2', 40, 1],
    ]);
  });

  it('caps the score at 100', () => {
    expect(
      riskSummary([finding('critical'), finding('critical'), finding('high')], resources).tenant.score,
    ).toBe(100);
  });

  it('scores a clean estate 0 and still lists its providers', () => {
    const summary = riskSummary([], resources);
    expect(summary.tenant.score).toBe(0);
    expect(summary.providers.map((p) => p.providerId)).toEqual(['prov-1', 'prov-2']);
  });
});
