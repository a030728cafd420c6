import { asTenantId } from '../../domain/shared/tenant-id';
import { type Resource, type ResourceConfig } from '../../domain/cloud/resource.entity';

/** Test-data builder: a running simulated VM unless the overrides say otherwise. */
export function aResource(
  overrides: Partial<Omit<Resource, 'config'>> & { config?: ResourceConfig } = {},
): Resource {
  const at = new Date('2026-03-01T00:00:00.000Z');
  const id = overrides.id ?? 'res-1';
  return {
    tenantId: asTenantId('00000000-0000-7000-8000-000000000001'),
    id,
    providerId: 'prov-1',
    providerKind: 'simulated',
    externalId: `ext-${id}`,
    name: id,
    region: 'sim-us-east',
    type: 'vm',
    size: 'gp.large',
    state: 'running',
    providerState: 'running',
    tags: {},
    costPerHour: 0.096,
    createdAt: at,
    updatedAt: at,
    syncedAt: at,
    ...overrides,
    config: overrides.config ?? {},
  };
}

/** One resource of every mapped kind, with names and values that need escaping. */
export function aMixedInventory(): Resource[] {
  return [
    aResource({
      id: 'r-aws-web',
      providerKind: 'aws',
      externalId: 'i-0abc123def4567890',
      name: 'Web Server',
      region: 'us-east-1',
      size: 't3.micro',
      tags: { env: 'prod', Owner: 'ops "core" ${team}' },
      config: {
        image: 'ami-0123456789abcdef0',
        terminationProtection: true,
        diskEncrypted: true,
        publicIp: '3.3.3.3',
      },
    }),
    aResource({
      id: 'r-aws-web-eu',
      providerKind: 'aws',
      externalId: 'i-0fff000111222333a',
      name: 'web-server',
      region: 'eu-west-1',
      size: 't3.small',
    }),
    aResource({
      id: 'r-aws-logs',
      providerKind: 'aws',
      type: 'bucket',
      externalId: 'arn:aws:s3:::acme-logs',
      name: 'acme-logs',
      region: 'us-east-1',
      size: 'STANDARD',
      tags: { 'cost-center': 'cc-42' },
    }),
    aResource({
      id: 'r-aws-policy',
      providerKind: 'aws',
      type: 'iam_policy',
      externalId: 'arn:aws:iam::123456789012:policy/admin',
      name: 'admin',
      region: 'global',
      size: null,
    }),
    aResource({
      id: 'r-az-vm',
      providerKind: 'azure',
      externalId:
        '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/api-1',
      name: 'api-1',
      region: 'westeurope',
      size: 'Standard_B2s',
      tags: { env: 'prod' },
    }),
    aResource({
      id: 'r-gcp-vm',
      providerKind: 'gcp',
      externalId:
        'https://www.googleapis.com/compute/v1/projects/acme-prod/zones/europe-west1-b/instances/worker-1',
      name: 'worker-1',
      region: 'europe-west1',
      size: 'e2-medium',
      tags: { env: 'staging' },
      config: { image: 'debian-cloud/debian-12', terminationProtection: false, publicIp: '34.1.2.3' },
    }),
    aResource({
      id: 'r-sim-vm',
      name: '1st sim box',
      tags: { env: 'dev' },
      config: {
        publicIp: null,
        ingress: [{ port: 22, protocol: 'tcp', cidr: '0.0.0.0/0' }],
        iamStatements: [{ effect: 'Allow', actions: ['s3:*'], resources: ['*'] }],
      },
    }),
    aResource({ id: 'r-sim-llm', name: 'chat', type: 'llm_endpoint', size: 'gpt-sim' }),
  ];
}

export const PROD_TAGS: Readonly<Record<string, string>> = {
  env: 'prod',
  owner: 'alice',
  team: 'payments',
  'cost-center': 'cc-42',
};
