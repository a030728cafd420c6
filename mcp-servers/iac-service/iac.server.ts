import { type ExportIacUseCase, type ImportIacUseCase } from '../../application/cloud/iac.use-case';
import { type McpServerDefinition } from '../shared/definitions';
import { exportAnsibleInventoryTool, exportTerraformTool, importTerraformStateTool } from './tools/iac.tools';

export interface IacDeps {
  readonly exportIac: ExportIacUseCase;
  readonly importIac: ImportIacUseCase;
}

/** Infrastructure as code both ways: the inventory out as Terraform or Ansible, Terraform state in. */
export function iacService(deps: IacDeps): McpServerDefinition {
  return {
    name: 'iac-service',
    title: 'Cockpit infrastructure as code',
    instructions:
      "Infrastructure as code for the caller's Cockpit tenant: export inventory resources as Terraform (HCL or JSON, with import blocks, optionally planned) or as an Ansible inventory, and import a Terraform state file into the inventory (Developer). Every call is scoped to the tenant of the credential.",
    tools: [
      exportTerraformTool(deps.exportIac),
      exportAnsibleInventoryTool(deps.exportIac),
      importTerraformStateTool(deps.importIac),
    ],
    resources: [],
    prompts: [],
  };
}
