import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { type Actor } from '../../../application/shared/actor';
import { CreateTenantInput, CreateTenantUseCase } from '../../../application/tenancy/create-tenant.use-case';
import { DeleteTenantUseCase } from '../../../application/tenancy/delete-tenant.use-case';
import { GetTenantUseCase } from '../../../application/tenancy/get-tenant.use-case';
import { ListTenantsInput, ListTenantsUseCase } from '../../../application/tenancy/list-tenants.use-case';
import { ProjectView, toProjectView } from '../../../application/tenancy/project.view';
import { TenantView, toTenantView } from '../../../application/tenancy/tenant.view';
import { UpdateTenantInput, UpdateTenantUseCase } from '../../../application/tenancy/update-tenant.use-case';
import { ROLES } from '../../../domain/tenancy/role';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { NoQuery, TenantParams } from '../params';
import { unwrap } from '../result';

const CreatedTenantView = TenantView.extend({
  admin: z.object({ id: z.uuid(), email: z.string() }),
  default_project: ProjectView,
});
const TenantListView = z.object({
  items: z.array(TenantView.extend({ role: z.enum(ROLES).nullable() })),
  next_cursor: z.string().nullable(),
});

@Controller('v1/tenants')
export class TenantsController {
  constructor(
    private readonly createTenant: CreateTenantUseCase,
    private readonly listTenants: ListTenantsUseCase,
    private readonly getTenant: GetTenantUseCase,
    private readonly updateTenant: UpdateTenantUseCase,
    private readonly deleteTenant: DeleteTenantUseCase,
  ) {}

  @Post()
  @Api({
    access: 'optional',
    summary: 'Create a tenant with its first Admin',
    description:
      'Instance operator only, unless COCKPIT_SIGNUP=open, when anyone may sign up. A default project is created too.',
    tags: ['tenants'],
    body: CreateTenantInput,
    response: CreatedTenantView,
    status: 201,
  })
  async create(
    @CurrentActor() actor: Actor | null,
    @Body() body: CreateTenantInput,
  ): Promise<z.infer<typeof CreatedTenantView>> {
    const created = unwrap(await this.createTenant.execute(actor, body));
    return {
      ...toTenantView(created.tenant),
      admin: { id: created.admin.id, email: created.admin.email },
      default_project: toProjectView(created.defaultProject),
    };
  }

  @Get()
  @Api({
    access: 'authenticated',
    summary: 'List the tenants you belong to (or, for the operator with scope=all, every tenant)',
    tags: ['tenants'],
    query: ListTenantsInput,
    response: TenantListView,
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListTenantsInput,
  ): Promise<z.infer<typeof TenantListView>> {
    const page = unwrap(await this.listTenants.execute(actor, query));
    return {
      items: page.items.map(({ tenant, role }) => ({ ...toTenantView(tenant), role })),
      next_cursor: page.nextCursor,
    };
  }

  @Get(':tenant_id')
  @Api({
    access: 'authenticated',
    summary: 'Get a tenant',
    tags: ['tenants'],
    params: TenantParams,
    query: NoQuery,
    response: TenantView,
  })
  async get(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof TenantParams>,
  ): Promise<TenantView> {
    return toTenantView(unwrap(await this.getTenant.execute(actor, params.tenant_id)));
  }

  @Patch(':tenant_id')
  @Api({
    access: 'authenticated',
    summary: 'Rename a tenant (Admin) or change its plan (operator)',
    tags: ['tenants'],
    params: TenantParams,
    body: UpdateTenantInput,
    response: TenantView,
  })
  async update(
    @CurrentActor() actor: Actor,
    @Param() params: z.infer<typeof TenantParams>,
    @Body() body: UpdateTenantInput,
  ): Promise<TenantView> {
    return toTenantView(unwrap(await this.updateTenant.execute(actor, params.tenant_id, body)));
  }

  @Delete(':tenant_id')
  @HttpCode(204)
  @Api({
    access: 'operator',
    summary: 'Delete a tenant and everything it owns',
    tags: ['tenants'],
    params: TenantParams,
    status: 204,
  })
  async remove(@CurrentActor() actor: Actor, @Param() params: z.infer<typeof TenantParams>): Promise<void> {
    unwrap(await this.deleteTenant.execute(actor, params.tenant_id));
  }
}
