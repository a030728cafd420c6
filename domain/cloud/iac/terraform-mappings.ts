import { type Resource } from '../resource.entity';
import { HclExpr, type HclItem, type HclValue, attr, nested, sortedMap } from './hcl';
import { sanitizeIdentifier } from './identifiers';

/** Declares `variable "<label>__<field>"` and returns the expression that reads it. */
export type DeclareVariable = (
  field: string,
  type: string,
  description: string,
  options?: { readonly sensitive?: boolean },
) => HclExpr;

/**
 * One provider configuration. Resources of one provider that need different settings (AWS
 * regions, Azure subscriptions) each get their own; the first in sorted order is the default and
 * the others are aliased.
 */
export interface ProviderConfig {
  readonly name: 'aws' | 'azurerm' | 'google';
  /** Distinguishes configurations of one provider; null when one configuration serves all. */
  readonly key: string | null;
  readonly alias: string;
  readonly settings: readonly HclItem[];
}

export interface MappedResource {
  readonly tfType: string;
  /** Null for `terraform_data`, which is built into Terraform and needs no provider. */
  readonly provider: ProviderConfig | null;
  /** The provider's import id; null when the resource is not adopted through an import block. */
  readonly importId: string | null;
  readonly body: (declare: DeclareVariable) => readonly HclItem[];
}

export type Mapping =
  { readonly ok: true; readonly mapped: MappedResource } | { readonly ok: false; readonly reason: string };

const skip = (reason: string): Mapping => ({ ok: false, reason });
const mapped = (m: MappedResource): Mapping => ({ ok: true, mapped: m });

const AZURE_VM_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)$/i;
const GCP_INSTANCE = /projects\/([^/]+)\/zones\/([^/]+)\/instances\/([^/]+)$/;
const GCP_ZONE = /^[a-z]+-[a-z]+\d+-[a-z]$/;
/** `publisher:offer:sku:version`, the URN form `az vm image list` prints. */
const IMAGE_FIELDS = ['publisher', 'offer', 'sku', 'version'] as const;
const AZURE_IMAGE_URN = /^([^:\s]+):([^:\s]+):([^:\s]+):([^:\s]+)$/;

/** Where Cockpit's inventory meets Terraform: one function per (provider kind, resource type). */
export function mapResource(resource: Resource): Mapping {
  if (resource.state === 'terminated') return skip('terminated: there is nothing left to manage');
  switch (resource.providerKind) {
    case 'simulated':
      return mapped(simulated(resource));
    case 'aws':
      if (resource.type === 'vm') return awsInstance(resource);
      if (resource.type === 'bucket') return mapped(awsBucket(resource));
      break;
    case 'azure':
      if (resource.type === 'vm') return azureVm(resource);
      break;
    case 'gcp':
      if (resource.type === 'vm') return gcpInstance(resource);
      break;
  }
  return skip(`no Terraform mapping for ${resource.providerKind} ${resource.type}`);
}

function awsProvider(region: string): ProviderConfig {
  return {
    name: 'aws',
    key: region,
    alias: sanitizeIdentifier(region, 'region'),
    settings: [attr('region', region)],
  };
}

function awsTags(resource: Resource): HclValue {
  // AWS shows the Name tag as the instance's name; without it the adopted instance would lose it.
  return sortedMap({ Name: resource.name, ...resource.tags });
}

function awsInstance(resource: Resource): Mapping {
  if (!resource.size) return skip('the instance type is unknown');
  const { config } = resource;
  return mapped({
    tfType: 'aws_instance',
    provider: awsProvider(resource.region),
    importId: resource.externalId,
    body: (declare) => [
      attr('ami', config.image ?? declare('ami', 'string', `AMI the instance ${resource.externalId} runs`)),
      attr('instance_type', resource.size),
      ...(config.terminationProtection === undefined
        ? []
        : [attr('disable_api_termination', config.terminationProtection)]),
      attr('tags', awsTags(resource)),
      ...(config.diskEncrypted === undefined
        ? []
        : [nested('root_block_device', [attr('encrypted', config.diskEncrypted)])]),
    ],
  });
}

function awsBucket(resource: Resource): MappedResource {
  // Adapters may report an ARN; the bucket name is its last part and is the import id.
  const bucket = resource.externalId.startsWith('arn:aws:s3:::')
    ? resource.externalId.slice('arn:aws:s3:::'.length)
    : resource.externalId || resource.name;
  return {
    tfType: 'aws_s3_bucket',
    provider: awsProvider(resource.region),
    importId: bucket,
    body: () => [attr('bucket', bucket), attr('tags', sortedMap(resource.tags))],
  };
}

/**
 * Cockpit knows an Azure VM's name, size, location and tags, but not its NICs, OS disk, image or
 * admin account, which the provider requires. Those become variables (with descriptions) rather
 * than guesses, so the user fills in the real values and the import plans without replacement.
 */
function azureVm(resource: Resource): Mapping {
  if (!resource.size) return skip('the VM size is unknown');
  const id = AZURE_VM_ID.exec(resource.externalId);
  if (!id) return skip('the external id is not an ARM virtual machine id');
  const [, subscription, resourceGroup, vmName] = id;
  const windows = /windows/i.test(resource.config.image ?? '');
  const urn = AZURE_IMAGE_URN.exec(resource.config.image ?? '');
  const provider: ProviderConfig = {
    name: 'azurerm',
    key: subscription,
    alias: `subscription_${sanitizeIdentifier(subscription, 'id')}`,
    settings: [attr('subscription_id', subscription), nested('features', [])],
  };
  return mapped({
    tfType: windows ? 'azurerm_windows_virtual_machine' : 'azurerm_linux_virtual_machine',
    provider,
    importId: resource.externalId,
    body: (declare) => {
      const adminUser = declare('admin_username', 'string', `Administrator user name of ${vmName}`);
      const credentials = windows
        ? [
            attr(
              'admin_password',
              declare('admin_password', 'string', `Administrator password of ${vmName}`, { sensitive: true }),
            ),
          ]
        : [];
      const sshKey = windows
        ? []
        : [
            nested('admin_ssh_key', [
              attr('username', adminUser),
              attr(
                'public_key',
                declare('admin_ssh_public_key', 'string', `SSH public key of the admin user of ${vmName}`),
              ),
            ]),
          ];
      const osDisk = declare(
        'os_disk',
        'object({ caching = string, storage_account_type = string })',
        `OS disk settings of ${vmName} (e.g. ReadWrite, Premium_LRS)`,
      );
      const image = urn
        ? null
        : declare(
            'source_image_reference',
            'object({ publisher = string, offer = string, sku = string, version = string })',
            `Marketplace image ${vmName} was created from`,
          );
      return [
        attr('name', vmName),
        attr('resource_group_name', resourceGroup),
        attr('location', resource.region),
        attr('size', resource.size),
        attr('admin_username', adminUser),
        ...credentials,
        attr(
          'network_interface_ids',
          declare(
            'network_interface_ids',
            'list(string)',
            `IDs of the network interfaces attached to ${vmName}`,
          ),
        ),
        attr('tags', sortedMap(resource.tags)),
        ...sshKey,
        nested('os_disk', [
          attr('caching', new HclExpr(`${osDisk.text}.caching`)),
          attr('storage_account_type', new HclExpr(`${osDisk.text}.storage_account_type`)),
        ]),
        nested(
          'source_image_reference',
          IMAGE_FIELDS.map((field, i) =>
            attr(field, image ? new HclExpr(`${image.text}.${field}`) : (urn?.[i + 1] ?? null)),
          ),
        ),
      ];
    },
  });
}

function gcpInstance(resource: Resource): Mapping {
  if (!resource.size) return skip('the machine type is unknown');
  const link = GCP_INSTANCE.exec(resource.externalId);
  const zone = link?.[2] ?? (GCP_ZONE.test(resource.region) ? resource.region : null);
  if (!zone) return skip('the zone is unknown: the external id is not an instance self link');
  const project = link?.[1] ?? null;
  const name = link?.[3] ?? resource.name;
  const { config } = resource;
  return mapped({
    tfType: 'google_compute_instance',
    provider: { name: 'google', key: null, alias: 'google', settings: [] },
    importId: project ? `projects/${project}/zones/${zone}/instances/${name}` : `${zone}/${name}`,
    body: (declare) => [
      attr('name', name),
      ...(project ? [attr('project', project)] : []),
      attr('zone', zone),
      attr('machine_type', resource.size!.split('/').pop()!),
      ...(config.terminationProtection === undefined
        ? []
        : [attr('deletion_protection', config.terminationProtection)]),
      attr('labels', sortedMap(resource.tags)),
      nested('boot_disk', [
        nested('initialize_params', [
          attr('image', config.image ?? declare('boot_image', 'string', `Boot disk image of ${name}`)),
        ]),
      ]),
      nested('network_interface', [
        attr(
          'network',
          declare('network', 'string', `VPC network (name or self link) ${name} is attached to`),
        ),
        // An ephemeral external address, as the instance has one; its value is Google's to pick.
        ...(config.publicIp ? [nested('access_config', [])] : []),
      ]),
    ],
  });
}

/**
 * The simulated cloud has no Terraform provider. Its resources become `terraform_data`, which is
 * built into Terraform (≥ 1.4): the export stays a valid configuration that plans without any
 * provider download, and the inventory facts travel as the resource's `input`.
 */
function simulated(resource: Resource): MappedResource {
  const { config } = resource;
  const facts: Record<string, HclValue> = {};
  if (config.image !== undefined) facts.image = config.image;
  if (config.publicIp !== undefined) facts.public_ip = config.publicIp;
  if (config.publicAccess !== undefined) facts.public_access = config.publicAccess;
  if (config.diskEncrypted !== undefined) facts.disk_encrypted = config.diskEncrypted;
  if (config.terminationProtection !== undefined) facts.termination_protection = config.terminationProtection;
  if (config.cpus !== undefined) facts.cpus = config.cpus;
  if (config.memoryGb !== undefined) facts.memory_gb = config.memoryGb;
  if (config.ingress !== undefined) {
    facts.ingress = config.ingress.map((rule) => ({
      port: rule.port,
      to_port: rule.toPort ?? rule.port,
      protocol: rule.protocol,
      cidr: rule.cidr,
    }));
  }
  if (config.iamStatements !== undefined) {
    facts.iam_statements = config.iamStatements.map((s) => ({
      effect: s.effect,
      actions: [...s.actions],
      resources: [...s.resources],
    }));
  }
  return {
    tfType: 'terraform_data',
    provider: null,
    importId: null,
    body: () => [
      attr('input', {
        external_id: resource.externalId,
        name: resource.name,
        region: resource.region,
        type: resource.type,
        size: resource.size,
        state: resource.state,
        tags: sortedMap(resource.tags),
        config: facts,
      }),
    ],
  };
}
