import { type ThreatRule } from './finding';

export const unencryptedDiskRule: ThreatRule = {
  id: 'unencrypted-disk',
  title: 'Disk not encrypted at rest',
  severity: 'high',
  description: 'A disk, or the disk of a VM, is stored without encryption at rest.',
  evaluate(resource) {
    // Only an explicit false: an adapter that cannot tell leaves the fact out.
    if ((resource.type !== 'disk' && resource.type !== 'vm') || resource.config.diskEncrypted !== false)
      return [];
    return [
      {
        evidence: { diskEncrypted: false, type: resource.type },
        remediation:
          'Snapshot the disk, restore it as an encrypted volume (provider-managed or customer-managed key), and turn on encryption by default for the account.',
      },
    ];
  },
};
