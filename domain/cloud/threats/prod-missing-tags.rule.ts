import { type ThreatRule } from './finding';
import { hasTag, isProduction } from './tags';

export const DEFAULT_REQUIRED_PROD_TAGS: readonly string[] = ['owner', 'team', 'cost-center'];

/** Production resources must say who owns them and who pays; keys match case-insensitively. */
export function prodMissingTagsRule(required: readonly string[] = DEFAULT_REQUIRED_PROD_TAGS): ThreatRule {
  return {
    id: 'prod-missing-tags',
    title: 'Production resource missing required tags',
    severity: 'low',
    description: `A production resource lacks one of the tags every production resource must carry (${required.join(', ')}).`,
    evaluate(resource) {
      if (!isProduction(resource)) return [];
      const missing = required.filter((key) => !hasTag(resource, key));
      if (missing.length === 0) return [];
      return [
        {
          evidence: { missingTags: missing, requiredTags: [...required] },
          remediation: `Add the tags ${missing.join(', ')} so that incidents reach an owner and the spend lands on the right cost center.`,
        },
      ];
    },
  };
}
