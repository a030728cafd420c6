import { type ThreatRule } from './finding';
import { isProduction } from './tags';

export const prodNoTerminationProtectionRule: ThreatRule = {
  id: 'prod-no-termination-protection',
  title: 'Production VM without termination protection',
  severity: 'medium',
  description:
    'A production VM can be terminated by one API call or console click, with no guard against mistakes.',
  evaluate(resource) {
    // undefined means the provider did not say: no finding rather than a guess.
    if (resource.type !== 'vm' || resource.config.terminationProtection !== false || !isProduction(resource))
      return [];
    return [
      {
        evidence: { terminationProtection: false },
        remediation:
          'Turn on termination (deletion) protection for the VM, and require a change ticket to lift it.',
      },
    ];
  },
};
