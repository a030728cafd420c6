import { failure, unwrap } from '../../../test/support/results';
import fixture from './fixtures/terraform.tfstate.json';
import { type ImportedResource, parseTerraformState } from './terraform-state-import';

const imported = unwrap(parseTerraformState(JSON.stringify(fixture)));
const byAddress = (address: string): ImportedResource => {
  const found = imported.resources.find((r) => r.address === address);
  if (!found) throw new Error(`no resource at ${address}`);
  return found;
};

/** A v4 state holding these resource entries. */
const stateOf = (...resources: unknown[]): string =>
  JSON.stringify({ version: 4, terraform_version: '1.9.5', serial: 1, lineage: 'x', outputs: {}, resources });

describe('parseTerraformState', () => {
  it('imports every supported managed instance and names it by its Terraform address', () => {
    expect(imported.resources.map((r) => r.address)).toEqual([
      'aws_instance.web[0]',
      'aws_instance.web[1]',
      'module.batch.aws_instance.worker["blue"]',
      'aws_security_group.web',
      'aws_ebs_volume.data',
      'aws_s3_bucket.assets',
      'aws_s3_bucket.logs',
      'aws_iam_policy.admin',
      'azurerm_linux_virtual_machine.api',
      'azurerm_windows_virtual_machine.jump',
      'google_compute_instance.worker[0]',
    ]);
  });

  it('skips data sources, unsupported types, deposed objects and supplements of unknown buckets, with reasons', () => {
    expect(imported.skipped).toEqual([
      { address: 'data.aws_ami.ubuntu', reason: 'data source: read, not managed' },
      { address: 'aws_lambda_function.resize', reason: 'unsupported resource type aws_lambda_function' },
      { address: 'azurerm_windows_virtual_machine.jump', reason: 'deposed object awaiting destruction' },
      {
        address: 'aws_s3_bucket_public_access_block.orphan',
        reason: 'belongs to bucket bucket-managed-elsewhere, which is not in this state',
      },
    ]);
  });

  it('reads an EC2 instance: region from the ARN, Name tag, state, public IP, protection, root disk encryption, AMI', () => {
    expect(byAddress('aws_instance.web[0]')).toEqual({
      kind: 'aws',
      address: 'aws_instance.web[0]',
      externalId: 'i-0a1b2c3d4e5f60001',
      name: 'web-0',
      region: 'us-east-1',
      type: 'vm',
      size: 't3.micro',
      state: 'running',
      providerState: 'running',
      tags: { Name: 'web-0', env: 'prod', 'managed-by': 'terraform' },
      costPerHour: null,
      createdAt: null,
      config: {
        publicIp: '54.210.10.11',
        terminationProtection: true,
        diskEncrypted: true,
        image: 'ami-0c7217cdde317cfec',
      },
    });
  });

  it('never carries attributes it does not map, such as user_data', () => {
    expect(JSON.stringify(imported)).not.toContain('c2VjcmV0');
  });

  it('reads a stopped instance with no public IP as stopped with publicIp null', () => {
    const web1 = byAddress('aws_instance.web[1]');
    expect(web1).toMatchObject({ state: 'stopped', config: { publicIp: null, diskEncrypted: false } });
  });

  it('derives the region from the availability zone when there is no ARN, and names an untagged instance by its id', () => {
    expect(byAddress('module.batch.aws_instance.worker["blue"]')).toMatchObject({
      name: 'i-0feedfacecafe0003',
      region: 'eu-west-1',
      state: 'terminated',
      providerState: 'shutting-down',
      tags: {},
    });
  });

  it('turns security group ingress into one rule per CIDR and ignores group-sourced rules', () => {
    expect(byAddress('aws_security_group.web').config.ingress).toEqual([
      { port: 443, protocol: 'tcp', cidr: '0.0.0.0/0' },
      { port: 443, protocol: 'tcp', cidr: '::/0' },
      { port: 8000, toPort: 8100, protocol: 'tcp', cidr: '10.0.0.0/8' },
    ]);
  });

  it('reads EBS encryption and volume type', () => {
    expect(byAddress('aws_ebs_volume.data')).toMatchObject({
      type: 'disk',
      name: 'web-data',
      size: 'gp3',
      config: { diskEncrypted: false },
    });
  });

  it('marks a bucket public when a bucket policy grants everyone and no access block restricts it', () => {
    expect(byAddress('aws_s3_bucket.assets')).toMatchObject({
      externalId: 'acme-public-assets',
      region: 'eu-central-1',
      config: { publicAccess: true },
    });
  });

  it('marks a bucket private when a public access block covers it, and reads the legacy us-east-1 endpoint', () => {
    expect(byAddress('aws_s3_bucket.logs')).toMatchObject({
      region: 'us-east-1',
      config: { publicAccess: false },
    });
  });

  it('leaves publicAccess unknown when nothing in the state speaks about the bucket', () => {
    const { resources } = unwrap(
      parseTerraformState(
        stateOf({
          mode: 'managed',
          type: 'aws_s3_bucket',
          name: 'b',
          instances: [{ attributes: { bucket: 'b', region: 'eu-west-3' } }],
        }),
      ),
    );
    expect(resources[0].config).toEqual({});
    expect(resources[0].region).toBe('eu-west-3');
  });

  it('lets a public access block neutralise a public policy', () => {
    const { resources } = unwrap(
      parseTerraformState(
        stateOf(
          { mode: 'managed', type: 'aws_s3_bucket', name: 'b', instances: [{ attributes: { bucket: 'b' } }] },
          {
            mode: 'managed',
            type: 'aws_s3_bucket_policy',
            name: 'b',
            instances: [
              {
                attributes: {
                  bucket: 'b',
                  policy: '{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:*"}}',
                },
              },
            ],
          },
          {
            mode: 'managed',
            type: 'aws_s3_bucket_public_access_block',
            name: 'b',
            instances: [{ attributes: { bucket: 'b', restrict_public_buckets: true } }],
          },
        ),
      ),
    );
    expect(resources[0].config.publicAccess).toBe(false);
  });

  it('reads IAM statements, keeping Allow and Deny and dropping NotAction ones', () => {
    expect(byAddress('aws_iam_policy.admin')).toMatchObject({
      externalId: 'arn:aws:iam::123456789012:policy/ci-admin',
      name: 'ci-admin',
      region: 'global',
      type: 'iam_policy',
      config: {
        iamStatements: [
          { effect: 'Allow', actions: ['*'], resources: ['*'] },
          {
            effect: 'Deny',
            actions: ['iam:DeleteRole', 'iam:DeleteUser'],
            resources: ['arn:aws:iam::123456789012:role/*'],
          },
        ],
      },
    });
  });

  it('reads Azure VMs: location, size, tags, public IP and image URN', () => {
    expect(byAddress('azurerm_linux_virtual_machine.api')).toMatchObject({
      kind: 'azure',
      name: 'api-1',
      region: 'westeurope',
      size: 'Standard_B2s',
      tags: { env: 'prod' },
      config: {
        publicIp: '20.50.1.2',
        image: 'Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest',
      },
    });
    expect(byAddress('azurerm_windows_virtual_machine.jump').config).toEqual({ publicIp: null });
  });

  it('reads GCE instances: self link, region from zone, labels, TERMINATED as stopped, NAT IP, deletion protection', () => {
    expect(byAddress('google_compute_instance.worker[0]')).toEqual({
      kind: 'gcp',
      address: 'google_compute_instance.worker[0]',
      externalId:
        'https://www.googleapis.com/compute/v1/projects/acme-prod/zones/europe-west1-b/instances/worker-0',
      name: 'worker-0',
      region: 'europe-west1',
      type: 'vm',
      size: 'e2-medium',
      state: 'stopped',
      providerState: 'TERMINATED',
      tags: { env: 'staging' },
      costPerHour: null,
      createdAt: new Date('2024-01-15T16:30:00.000Z'),
      config: {
        publicIp: '34.76.1.2',
        terminationProtection: true,
        image:
          'https://www.googleapis.com/compute/v1/projects/debian-cloud/global/images/debian-12-bookworm-v20240110',
      },
    });
  });

  it('rejects text that is not JSON, with the line and column of the error when the parser gives one', () => {
    const result = parseTerraformState('{\n  "version": 4\n  "resources": []\n}');
    expect(result).toEqual(failure('validation', 'invalid_terraform_state'));
    if (result.ok) return;
    expect(result.error.message).toBe('the state is not valid JSON');
    expect(result.error.fields).toEqual([
      { path: 'state', message: expect.stringContaining("Expected ','"), line: 3, column: 3 },
    ]);
  });

  it('rejects a version 3 state and says how to upgrade it', () => {
    const result = parseTerraformState(
      JSON.stringify({ version: 3, terraform_version: '0.11.14', modules: [] }),
    );
    expect(result).toEqual(failure('validation', 'invalid_terraform_state'));
    if (result.ok) return;
    expect(result.error.message).toBe('unsupported state format: version 3');
    expect(result.error.fields).toEqual([
      { path: 'version', message: expect.stringContaining('terraform state pull') },
    ]);
  });

  it.each([
    ['an array', '[]', 'state'],
    ['a string', '"state"', 'state'],
    ['null', 'null', 'state'],
    ['an object without version', '{"resources": []}', 'version'],
    ['a state without resources', '{"version": 4}', 'resources'],
    ['a state whose resources is an object', '{"version": 4, "resources": {}}', 'resources'],
    ['an empty text', '', 'state'],
  ])('rejects %s at the field %s', (_what, text, path) => {
    const result = parseTerraformState(text);
    expect(result).toEqual(failure('validation'));
    if (!result.ok) expect(result.error.fields[0].path).toBe(path);
  });

  it('skips malformed entries instead of failing the whole import', () => {
    const { resources, skipped } = unwrap(
      parseTerraformState(
        stateOf(
          42,
          { mode: 'managed', type: 'aws_instance' },
          { mode: 'managed', type: 'aws_instance', name: 'a', instances: 'no' },
          {
            mode: 'managed',
            type: 'aws_instance',
            name: 'b',
            instances: [null, { attributes_flat: { id: 'i-1' } }],
          },
          {
            mode: 'managed',
            type: 'aws_instance',
            name: 'c',
            instances: [{ attributes: { instance_type: 7 } }],
          },
          { mode: 'managed', type: 'constructor', name: 'd', instances: [] },
          {
            mode: 'managed',
            type: 'aws_instance',
            name: 'e',
            instances: [{ attributes: { id: 'i-2', instance_state: 'constructor' } }],
          },
        ),
      ),
    );
    expect(skipped.map((s) => s.address)).toEqual([
      'resources[0]',
      'resources[1]',
      'aws_instance.a',
      'aws_instance.b',
      'aws_instance.b',
      'constructor.d',
      // Mapping failures are found in the second pass, after the structural ones.
      'aws_instance.c',
    ]);
    expect(resources).toEqual([expect.objectContaining({ externalId: 'i-2', state: 'pending', size: null })]);
  });

  it('imports a state with tens of thousands of instances', () => {
    const instances = Array.from({ length: 30_000 }, (_, i) => ({
      index_key: i,
      attributes: {
        id: `i-${i}`,
        availability_zone: 'us-east-1a',
        instance_type: 't3.nano',
        instance_state: 'running',
      },
    }));
    const buckets = Array.from({ length: 5_000 }, (_, i) => [
      {
        mode: 'managed',
        type: 'aws_s3_bucket',
        name: `b${i}`,
        instances: [{ attributes: { bucket: `b${i}` } }],
      },
      {
        mode: 'managed',
        type: 'aws_s3_bucket_public_access_block',
        name: `b${i}`,
        instances: [{ attributes: { bucket: `b${i}`, ignore_public_acls: true } }],
      },
    ]).flat();
    const result = unwrap(
      parseTerraformState(
        stateOf({ mode: 'managed', type: 'aws_instance', name: 'fleet', instances }, ...buckets),
      ),
    );
    expect(result.resources).toHaveLength(35_000);
    expect(result.resources[29_999].address).toBe('aws_instance.fleet[29999]');
    expect(result.skipped).toEqual([]);
  });
});
