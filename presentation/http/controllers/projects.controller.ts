import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { type Actor } from '../../../application/shared/actor';
import {
  CreateProjectInput,
  CreateProjectUseCase,
} from '../../../application/tenancy/create-project.use-case';
import { DeleteProjectUseCase } from '../../../application/tenancy/delete-project.use-case';
import { GetProjectUseCase } from '../../../application/tenancy/get-project.use-case';
import { ListProjectsUseCase } from '../../../application/tenancy/list-projects.use-case';
import { ProjectView, toProjectView } from '../../../application/tenancy/project.view';
import {
  UpdateProjectInput,
  UpdateProjectUseCase,
} from '../../../application/tenancy/update-project.use-case';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { NoQuery, ProjectParams } from '../params';
import { unwrap } from '../result';

const ProjectListView = z.object({ items: z.array(ProjectView) });

@Controller('v1/projects')
export class ProjectsController {
  constructor(
    private readonly createProject: CreateProjectUseCase,
    private readonly listProjects: ListProjectsUseCase,
    private readonly getProject: GetProjectUseCase,
    private readonly updateProject: UpdateProjectUseCase,
    private readonly deleteProject: DeleteProjectUseCase,
  ) {}

  @Post()
  @Api({
    access: 'admin',
    summary: 'Create a project',
    tags: ['projects'],
    body: CreateProjectInput,
    response: ProjectView,
    status: 201,
  })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateProjectInput): Promise<ProjectView> {
    return toProjectView(unwrap(await this.createProject.execute(actor, body)));
  }

  @Get()
  @Api({
    access: 'viewer',
    summary: "List the tenant's projects",
    description: 'An API key sees only its own project.',
    tags: ['projects'],
    query: NoQuery,
    response: ProjectListView,
  })
  async list(@CurrentActor() actor: Actor): Promise<z.infer<typeof ProjectListView>> {
    return { items: unwrap(await this.listProjects.execute(actor)).map(toProjectView) };
  }

  @Get(':project_id')
  @Api({
    access: 'viewer',
    summary: 'Get a project',
    tags: ['projects'],
    params: ProjectParams,
    query: NoQuery,
    response: ProjectView,
  })
  async get(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ProjectParams>,
  ): Promise<ProjectView> {
    return toProjectView(unwrap(await this.getProject.execute(actor, params.project_id)));
  }

  @Patch(':project_id')
  @Api({
    access: 'admin',
    summary: 'Rename or describe a project',
    tags: ['projects'],
    params: ProjectParams,
    body: UpdateProjectInput,
    response: ProjectView,
  })
  async update(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof ProjectParams>,
    @Body() body: UpdateProjectInput,
  ): Promise<ProjectView> {
    return toProjectView(unwrap(await this.updateProject.execute(actor, params.project_id, body)));
  }

  @Delete(':project_id')
  @HttpCode(204)
  @Api({
    access: 'admin',
    summary: 'Delete a project and everything it owns',
    tags: ['projects'],
    params: ProjectParams,
    status: 204,
  })
  async remove(@CurrentActor() actor: Actor, @Param() params: z.infer<typeof ProjectParams>): Promise<void> {
    unwrap(await this.deleteProject.execute(actor, params.project_id));
  }
}
