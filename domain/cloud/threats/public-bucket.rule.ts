import { type ThreatRule } from './finding';

export const publicBucketRule: ThreatRule = {
  id: 'public-bucket',
  title: 'Bucket readable by anyone',
  severity: 'high',
  description:
    'A storage bucket allows anonymous public access, so every object in it can be listed or read.',
  evaluate(resource) {
    if (resource.type !== 'bucket' || resource.config.publicAccess !== true) return [];
    return [
      {
        evidence: { publicAccess: true, region: resource.region },
        remediation:
          'Turn on the public access block for the bucket and serve public content through a CDN with signed or scoped access.',
      },
    ];
  },
};
