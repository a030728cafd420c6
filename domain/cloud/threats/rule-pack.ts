import { type Resource } from '../resource.entity';
import { type Finding, type ThreatContext, type ThreatRule, compareFindings } from './finding';
import { iamWildcardRule } from './iam-wildcard.rule';
import { llmVectorRegionMismatchRule } from './llm-vector-region-mismatch.rule';
import { prodMissingTagsRule } from './prod-missing-tags.rule';
import { prodNoTerminationProtectionRule } from './prod-no-termination-protection.rule';
import { publicAdminPortRule } from './public-admin-port.rule';
import { publicBucketRule } from './public-bucket.rule';
import { publicIpInProdRule } from './public-ip-in-prod.rule';
import { isLive } from './tags';
import { unencryptedDiskRule } from './unencrypted-disk.rule';

export interface ThreatOptions {
  /** Tags every production resource must carry; defaults to owner, team, cost-center. */
  readonly requiredProdTags?: readonly string[];
  /** Replaces the whole pack (tests, or a tenant that disabled rules). */
  readonly rules?: readonly ThreatRule[];
}

/** The built-in pack. Rule ids are stable: stored findings and suppressions refer to them. */
export function threatRules(options: Pick<ThreatOptions, 'requiredProdTags'> = {}): readonly ThreatRule[] {
  return [
    publicAdminPortRule,
    publicBucketRule,
    publicIpInProdRule,
    unencryptedDiskRule,
    prodMissingTagsRule(options.requiredProdTags),
    prodNoTerminationProtectionRule,
    iamWildcardRule,
    llmVectorRegionMismatchRule,
  ];
}

/**
 * Runs every rule over every resource of one tenant. Terminated resources are skipped: they cannot
 * be attacked and cannot be fixed. The result is sorted (severity, rule, resource), so two scans of
 * the same inventory produce the same list whatever order the inventory came in.
 */
export function evaluateThreats(resources: readonly Resource[], options: ThreatOptions = {}): Finding[] {
  const rules = options.rules ?? threatRules(options);
  const context: ThreatContext = { resources };
  const findings: Finding[] = [];
  for (const resource of resources) {
    if (!isLive(resource)) continue;
    for (const rule of rules) {
      for (const draft of rule.evaluate(resource, context)) {
        findings.push({
          ruleId: rule.id,
          severity: draft.severity ?? rule.severity,
          resourceId: resource.id,
          providerId: resource.providerId,
          title: draft.title ?? rule.title,
          evidence: draft.evidence,
          remediation: draft.remediation,
        });
      }
    }
  }
  return findings.sort(compareFindings);
}
