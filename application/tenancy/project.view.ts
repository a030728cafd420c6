import { z } from 'zod';
import { type Project } from '../../domain/tenancy/project.entity';

export const ProjectView = z.object({
  id: z.uuid(),
  tenant_id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type ProjectView = z.infer<typeof ProjectView>;

export const toProjectView = (project: Project): ProjectView => ({
  id: project.id,
  tenant_id: project.tenantId,
  name: project.name,
  description: project.description,
  created_at: project.createdAt.toISOString(),
  updated_at: project.updatedAt.toISOString(),
});
