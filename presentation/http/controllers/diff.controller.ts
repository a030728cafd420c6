import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  DiffProfileInput,
  DiffProfileName,
  DiffProfileView,
  toDiffProfileView,
} from '../../../application/runs/diff-profile.view';
import { DiffRunsInput, DiffRunsUseCase, RunDiffView } from '../../../application/runs/diff-runs.use-case';
import {
  DeleteDiffProfileUseCase,
  ListDiffProfilesUseCase,
  SaveDiffProfileUseCase,
} from '../../../application/runs/manage-diff-profiles.use-case';
import { type Actor } from '../../../application/shared/actor';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { NoQuery } from '../params';
import { unwrap } from '../result';

const ProfileParams = z.strictObject({ name: DiffProfileName });
const ProfileListView = z.object({ items: z.array(DiffProfileView) });

@Controller('v1')
export class DiffController {
  constructor(
    private readonly diffRuns: DiffRunsUseCase,
    private readonly listProfiles: ListDiffProfilesUseCase,
    private readonly saveProfile: SaveDiffProfileUseCase,
    private readonly deleteProfile: DeleteDiffProfileUseCase,
  ) {}

  @Get('diff')
  @Api({
    access: 'viewer',
    summary: 'Compare two runs step by step',
    description:
      'Steps are aligned by signature (kind + name + model/tool), so an inserted step shows as inserted; noise is removed by the profile; redacted values show "changed (redacted)" from their hashes. Deterministic: the same runs and profile always give byte-identical JSON.',
    tags: ['runs'],
    query: DiffRunsInput,
    response: RunDiffView,
  })
  async diff(@CurrentActor() actor: Actor, @Query() query: DiffRunsInput): Promise<unknown> {
    return unwrap(await this.diffRuns.execute(actor, query));
  }

  @Get('diff-profiles')
  @Api({
    access: 'viewer',
    summary: 'Diff normalisation profiles (the built-in default and yours)',
    tags: ['runs'],
    query: NoQuery,
    response: ProfileListView,
  })
  async profiles(@CurrentActor() actor: Actor): Promise<z.infer<typeof ProfileListView>> {
    return {
      items: unwrap(await this.listProfiles.execute(actor)).map((p) => ({
        ...toDiffProfileView(p),
        ...(p.name === 'default' ? { created_at: null, updated_at: null } : {}),
      })),
    };
  }

  @Put('diff-profiles/:name')
  @Api({
    access: 'admin',
    summary: 'Create or replace a diff profile',
    tags: ['runs'],
    params: ProfileParams,
    body: DiffProfileInput,
    response: DiffProfileView,
  })
  async save(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ProfileParams>,
    @Body() body: DiffProfileInput,
  ): Promise<DiffProfileView> {
    return toDiffProfileView(unwrap(await this.saveProfile.execute(actor, params.name, body)));
  }

  @Delete('diff-profiles/:name')
  @HttpCode(204)
  @Api({
    access: 'admin',
    summary: 'Delete a diff profile',
    tags: ['runs'],
    params: ProfileParams,
    status: 204,
  })
  async remove(@CurrentActor() actor: Actor, @Param() params: z.infer<typeof ProfileParams>): Promise<void> {
    unwrap(await this.deleteProfile.execute(actor, params.name));
  }
}
