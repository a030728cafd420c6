import { IacExportInput, IacImportInput } from '../../../application/cloud/cloud-input';
import {
  type ExportIacUseCase,
  IacExportView,
  IacImportView,
  type ImportIacUseCase,
} from '../../../application/cloud/iac.use-case';
import { defineTool } from '../../shared/definitions';

export const exportTerraformTool = (exportIac: ExportIacUseCase) =>
  defineTool({
    name: 'export_terraform',
    title: 'Export resources as Terraform',
    description:
      'Terraform for inventory resources (resource_ids, or every non-terminated resource matching provider/region/type/tag), in HCL (main.tf) or JSON syntax, with import blocks so `terraform plan` adopts the existing resources instead of recreating them. Resources with no Terraform mapping are listed in skipped. plan=true runs `terraform plan` (or `tofu plan`) on the export when a binary is on the server PATH; the plan status says when none is.',
    input: IacExportInput.omit({ format: true }),
    output: IacExportView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
    access: 'viewer',
    run: (actor, input) => exportIac.execute(actor, { ...input, format: 'terraform' }),
  });

export const exportAnsibleInventoryTool = (exportIac: ExportIacUseCase) =>
  defineTool({
    name: 'export_ansible_inventory',
    title: 'Export an Ansible inventory',
    description:
      'An Ansible inventory of inventory resources (resource_ids, or every non-terminated resource matching provider/region/type/tag), as inventory.yml and as the `ansible-inventory --list` JSON.',
    input: IacExportInput.omit({ format: true, syntax: true, plan: true }),
    output: IacExportView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    run: (actor, input) =>
      exportIac.execute(actor, { ...input, format: 'ansible', syntax: 'hcl', plan: false }),
  });

export const importTerraformStateTool = (importIac: ImportIacUseCase) =>
  defineTool({
    name: 'import_terraform_state',
    title: 'Import a Terraform state',
    description:
      'Reads a Terraform state file (format version 4, terraform.tfstate) into the inventory. Known resource types join it idempotently, matched by their cloud id; the rest are listed in skipped with the reason. Without provider_id, resources join a provider of their cloud kind, and one without credentials is created when the tenant has none. Secrets in the state are not stored.',
    input: IacImportInput,
    output: IacImportView,
    hints: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    access: 'developer',
    run: (actor, input) => importIac.execute(actor, input),
  });
