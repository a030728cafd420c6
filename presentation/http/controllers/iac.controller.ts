import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { IacExportInput, IacImportInput } from '../../../application/cloud/cloud-input';
import {
  ExportIacUseCase,
  IacExportView,
  IacImportView,
  ImportIacUseCase,
} from '../../../application/cloud/iac.use-case';
import { type Actor } from '../../../application/shared/actor';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { unwrap } from '../result';

@Controller('v1/iac')
export class IacController {
  constructor(
    private readonly exportIac: ExportIacUseCase,
    private readonly importIac: ImportIacUseCase,
  ) {}

  @Post('export')
  @HttpCode(200)
  @Api({
    access: 'viewer',
    summary: 'Export resources as Terraform or an Ansible inventory',
    description:
      'Terraform in HCL or JSON syntax (with import blocks so plan adopts existing resources), or an Ansible inventory (YAML and `ansible-inventory --list` JSON). With plan=true and a terraform or tofu binary on PATH, runs plan on the export; without one, the plan status says so.',
    tags: ['cloud'],
    body: IacExportInput,
    response: IacExportView,
  })
  async export(@CurrentActor() actor: Actor, @Body() body: IacExportInput): Promise<IacExportView> {
    return unwrap(await this.exportIac.execute(actor, body));
  }

  @Post('import')
  @HttpCode(200)
  @Api({
    access: 'developer',
    summary: 'Import a Terraform state file into the inventory',
    description:
      'State format version 4 (terraform.tfstate). Known resource types join the inventory (idempotently, by their cloud id); the rest are listed in skipped with the reason.',
    tags: ['cloud'],
    body: IacImportInput,
    response: IacImportView,
  })
  async import(@CurrentActor() actor: Actor, @Body() body: IacImportInput): Promise<IacImportView> {
    return unwrap(await this.importIac.execute(actor, body));
  }
}
