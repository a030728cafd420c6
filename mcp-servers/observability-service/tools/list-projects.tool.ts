import { z } from 'zod';
import { ProjectView, toProjectView } from '../../../application/tenancy/project.view';
import { type ListProjectsUseCase } from '../../../application/tenancy/list-projects.use-case';
import { ok } from '../../../domain/shared/result';
import { defineTool } from '../../shared/definitions';

export const listProjectsTool = (listProjects: ListProjectsUseCase) =>
  defineTool({
    name: 'list_projects',
    title: 'List projects',
    description: "Lists the projects of the caller's tenant (an API key sees only its own project).",
    input: z.strictObject({}),
    output: z.object({ items: z.array(ProjectView) }),
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    async run(actor) {
      const projects = await listProjects.execute(actor);
      return projects.ok ? ok({ items: projects.value.map(toProjectView) }) : projects;
    },
  });
