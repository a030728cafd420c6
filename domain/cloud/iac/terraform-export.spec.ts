import fc from 'fast-check';
import { aMixedInventory, aResource } from '../../../test/support/cloud-builders';
import { exportTerraform } from './terraform-export';

const hcl = (resources = aMixedInventory()) => exportTerraform(resources, { syntax: 'hcl' });
const json = (resources = aMixedInventory()) => {
  const out = exportTerraform(resources, { syntax: 'json' });
  return { ...out, config: JSON.parse(out.files['main.tf.json']) };
};

/** The text of one top-level block, from its header line to its closing brace. */
function blockOf(text: string, header: string): string {
  const start = text.indexOf(`${header} {`);
  if (start < 0) throw new Error(`no block ${header}`);
  const end = text.indexOf('\n}\n', start);
  return text.slice(start, end + 2);
}

describe('exportTerraform (HCL)', () => {
  it('writes main.tf and variables.tf only', () => {
    expect(Object.keys(hcl().files).sort()).toEqual(['main.tf', 'variables.tf']);
  });

  it('maps an AWS VM to aws_instance with its AMI, type, Name tag and termination protection', () => {
    const web = blockOf(hcl().files['main.tf'], 'resource "aws_instance" "web_server"');
    expect(web).toContain('ami                     = "ami-0123456789abcdef0"');
    expect(web).toContain('instance_type           = "t3.micro"');
    expect(web).toContain('disable_api_termination = true');
    expect(web).toContain('"Name"  = "Web Server"');
    expect(web).toContain('root_block_device {\n    encrypted = true\n  }');
  });

  it('adds an import block so plan adopts the instance instead of creating one', () => {
    const main = hcl().files['main.tf'];
    expect(main).toContain(
      'import {\n  to       = aws_instance.web_server\n  id       = "i-0abc123def4567890"',
    );
  });

  it('configures one AWS provider per region and points resources at the aliased ones', () => {
    const main = hcl().files['main.tf'];
    expect(main).toContain('provider "aws" {\n  region = "eu-west-1"\n}');
    expect(main).toContain('provider "aws" {\n  alias  = "us_east_1"\n  region = "us-east-1"\n}');
    expect(blockOf(main, 'resource "aws_instance" "web_server"')).toContain(
      'provider                = aws.us_east_1',
    );
    expect(blockOf(main, 'resource "aws_instance" "web_server_2"')).not.toContain('provider');
  });

  it('requires exactly the providers of the kinds present', () => {
    const onlyAws = hcl([aMixedInventory()[0]]).files['main.tf'];
    expect(onlyAws).toContain('aws = {\n      "source" = "hashicorp/aws"\n    }');
    expect(onlyAws).not.toContain('azurerm');
    expect(onlyAws).not.toContain('google');
    expect(onlyAws).toContain('required_version = ">= 1.5.0"');
  });

  it('escapes tag values so they cannot interpolate', () => {
    expect(hcl().files['main.tf']).toContain('"Owner" = "ops \\"core\\" $${team}"');
  });

  it('maps an S3 bucket by its name and imports it by that name', () => {
    const main = hcl().files['main.tf'];
    expect(blockOf(main, 'resource "aws_s3_bucket" "acme_logs"')).toContain('bucket   = "acme-logs"');
    expect(main).toContain('to       = aws_s3_bucket.acme_logs\n  id       = "acme-logs"');
  });

  it('reads the Azure resource group from the ARM id and leaves unknown required settings to variables', () => {
    const { files } = hcl();
    const vm = blockOf(files['main.tf'], 'resource "azurerm_linux_virtual_machine" "api_1"');
    expect(vm).toContain('resource_group_name   = "rg-prod"');
    expect(vm).toContain('admin_username        = var.api_1__admin_username');
    expect(vm).toContain('network_interface_ids = var.api_1__network_interface_ids');
    expect(vm).toContain('caching              = var.api_1__os_disk.caching');
    expect(vm).toContain('publisher = var.api_1__source_image_reference.publisher');
    expect(files['variables.tf']).toContain(
      'variable "api_1__network_interface_ids" {\n  type        = list(string)\n  description = "IDs of the network interfaces attached to api-1"\n}',
    );
    expect(files['main.tf']).toContain(
      'subscription_id = "00000000-1111-2222-3333-444444444444"\n\n  features {}',
    );
  });

  it('uses an Azure image URN directly instead of a variable', () => {
    const [, , , , vm] = aMixedInventory();
    const { files } = hcl([{ ...vm, config: { image: 'Canonical:ubuntu-24_04-lts:server:latest' } }]);
    expect(files['main.tf']).toContain('publisher = "Canonical"');
    expect(files['variables.tf']).not.toContain('source_image_reference');
  });

  it('maps a Windows image to azurerm_windows_virtual_machine with a sensitive password variable', () => {
    const [, , , , vm] = aMixedInventory();
    const { files } = hcl([
      { ...vm, config: { image: 'MicrosoftWindowsServer:WindowsServer:2022-datacenter:latest' } },
    ]);
    expect(files['main.tf']).toContain('resource "azurerm_windows_virtual_machine" "api_1"');
    expect(blockOf(files['variables.tf'], 'variable "api_1__admin_password"')).toContain(
      'sensitive   = true',
    );
  });

  it('takes the GCP zone, project and name from the self link', () => {
    const main = hcl().files['main.tf'];
    const vm = blockOf(main, 'resource "google_compute_instance" "worker_1"');
    expect(vm).toContain('zone                = "europe-west1-b"');
    expect(vm).toContain('project             = "acme-prod"');
    expect(vm).toContain('image = "debian-cloud/debian-12"');
    expect(vm).toContain('access_config {}');
    expect(main).toContain('id = "projects/acme-prod/zones/europe-west1-b/instances/worker-1"');
  });

  it('skips a GCP VM whose zone cannot be known', () => {
    const vm = aResource({ id: 'g', providerKind: 'gcp', externalId: '1234567890', region: 'europe-west1' });
    expect(hcl([vm]).skipped).toEqual([
      { resourceId: 'g', reason: expect.stringContaining('zone is unknown') },
    ]);
  });

  it('exports simulated resources as terraform_data records that need no provider', () => {
    const main = hcl().files['main.tf'];
    const sim = blockOf(main, 'resource "terraform_data" "resource_1st_sim_box"');
    expect(sim).toContain('"external_id" = "ext-r-sim-vm"');
    expect(sim).toContain('"cidr"     = "0.0.0.0/0"');
    expect(hcl([aResource()]).files['main.tf']).not.toContain('required_providers');
  });

  it('skips types without a mapping, terminated resources and VMs without a size, with reasons', () => {
    const out = hcl([
      ...aMixedInventory(),
      aResource({ id: 'gone', state: 'terminated' }),
      aResource({ id: 'nosize', providerKind: 'aws', externalId: 'i-1', size: null }),
    ]);
    expect(out.skipped).toEqual([
      { resourceId: 'r-aws-policy', reason: 'no Terraform mapping for aws iam_policy' },
      { resourceId: 'nosize', reason: 'the instance type is unknown' },
      { resourceId: 'gone', reason: 'terminated: there is nothing left to manage' },
    ]);
  });

  it('gives resources with colliding names distinct labels', () => {
    const main = hcl([
      aResource({ id: 'a', name: 'Box 1' }),
      aResource({ id: 'b', name: 'box-1' }),
      aResource({ id: 'c', name: 'box_1' }),
    ]).files['main.tf'];
    expect(main.match(/resource "terraform_data" "[a-z0-9_]+"/g)).toEqual([
      'resource "terraform_data" "box_1"',
      'resource "terraform_data" "box_1_2"',
      'resource "terraform_data" "box_1_3"',
    ]);
  });

  it('does not depend on the order of the input', () => {
    const resources = aMixedInventory();
    fc.assert(
      fc.property(fc.shuffledSubarray(resources, { minLength: resources.length }), (shuffled) => {
        expect(hcl(shuffled)).toEqual(hcl(resources));
        expect(json(shuffled).files).toEqual(json(resources).files);
      }),
      { numRuns: 20 },
    );
  });

  it('labels every resource with a valid, unique identifier whatever the names', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 15 }), (names) => {
        const main = hcl(names.map((name, i) => aResource({ id: `r${i}`, name }))).files['main.tf'];
        const labels = [...main.matchAll(/^resource "terraform_data" "([^"]*)"/gm)].map((m) => m[1]);
        return (
          labels.length === names.length &&
          new Set(labels).size === labels.length &&
          labels.every((l) => /^[a-z_][a-z0-9_]*$/.test(l))
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('exportTerraform (JSON)', () => {
  it('writes one main.tf.json that JSON.parse accepts', () => {
    const out = exportTerraform(aMixedInventory(), { syntax: 'json' });
    expect(Object.keys(out.files)).toEqual(['main.tf.json']);
    expect(() => JSON.parse(out.files['main.tf.json'])).not.toThrow();
  });

  it('follows the JSON configuration structure for terraform, providers, resources, imports and variables', () => {
    const { config } = json();
    expect(Object.keys(config)).toEqual(['terraform', 'provider', 'resource', 'import', 'variable']);
    expect(config.terraform.required_providers).toEqual({
      aws: { source: 'hashicorp/aws' },
      azurerm: { source: 'hashicorp/azurerm' },
      google: { source: 'hashicorp/google' },
    });
    expect(config.provider.aws).toEqual([
      { region: 'eu-west-1' },
      { alias: 'us_east_1', region: 'us-east-1' },
    ]);
    expect(config.provider.azurerm).toEqual({
      subscription_id: '00000000-1111-2222-3333-444444444444',
      features: {},
    });
    expect(config.resource.aws_instance.web_server).toMatchObject({
      provider: 'aws.us_east_1',
      instance_type: 't3.micro',
      tags: { Name: 'Web Server', Owner: 'ops "core" $${team}', env: 'prod' },
      root_block_device: { encrypted: true },
    });
    expect(config.resource.aws_instance.web_server_2.ami).toBe('${var.web_server_2__ami}');
    expect(config.import).toContainEqual({
      to: 'aws_instance.web_server',
      id: 'i-0abc123def4567890',
      provider: 'aws.us_east_1',
    });
    expect(config.variable['api_1__os_disk']).toEqual({
      type: 'object({ caching = string, storage_account_type = string })',
      description: 'OS disk settings of api-1 (e.g. ReadWrite, Premium_LRS)',
    });
  });

  it('nests blocks inside blocks as objects', () => {
    const { config } = json();
    expect(config.resource.google_compute_instance.worker_1.boot_disk).toEqual({
      initialize_params: { image: 'debian-cloud/debian-12' },
    });
    expect(config.resource.google_compute_instance.worker_1.network_interface).toEqual({
      network: '${var.worker_1__network}',
      access_config: {},
    });
  });

  it('reports the same skipped resources as the HCL export', () => {
    expect(json().skipped).toEqual(hcl().skipped);
  });
});
