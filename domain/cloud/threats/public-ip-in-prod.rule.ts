import { type ThreatRule } from './finding';
import { isProduction } from './tags';

export const publicIpInProdRule: ThreatRule = {
  id: 'public-ip-in-prod',
  title: 'Production VM with a public IP',
  severity: 'medium',
  description: 'A VM tagged as production has a public IP address, exposing it directly to the internet.',
  evaluate(resource) {
    const publicIp = resource.config.publicIp;
    if (resource.type !== 'vm' || !publicIp || !isProduction(resource)) return [];
    return [
      {
        evidence: { publicIp },
        remediation:
          'Move the VM behind a load balancer or NAT gateway and release its public IP; keep production machines on private addresses.',
      },
    ];
  },
};
