import { type Result, ok } from '../shared/result';
import { type TenantId } from '../shared/tenant-id';
import { requireText } from '../shared/text';

export interface ProjectProps {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export class Project {
  private constructor(private readonly props: ProjectProps) {}

  static create(input: {
    id: string;
    tenantId: TenantId;
    name: string;
    description?: string | null;
    now: Date;
  }): Result<Project> {
    const name = requireText('name', input.name, 120);
    if (!name.ok) return name;
    const description = Project.checkDescription(input.description ?? null);
    if (!description.ok) return description;
    return ok(
      new Project({
        id: input.id,
        tenantId: input.tenantId,
        name: name.value,
        description: description.value,
        createdAt: input.now,
        updatedAt: input.now,
      }),
    );
  }

  static restore(props: ProjectProps): Project {
    return new Project(props);
  }

  get id(): string {
    return this.props.id;
  }
  get tenantId(): TenantId {
    return this.props.tenantId;
  }
  get name(): string {
    return this.props.name;
  }
  get description(): string | null {
    return this.props.description;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }

  update(change: { name?: string; description?: string | null }, now: Date): Result<Project> {
    let name = this.props.name;
    if (change.name !== undefined) {
      const checked = requireText('name', change.name, 120);
      if (!checked.ok) return checked;
      name = checked.value;
    }
    let description = this.props.description;
    if (change.description !== undefined) {
      const checked = Project.checkDescription(change.description);
      if (!checked.ok) return checked;
      description = checked.value;
    }
    return ok(new Project({ ...this.props, name, description, updatedAt: now }));
  }

  private static checkDescription(value: string | null): Result<string | null> {
    if (value === null || value.trim() === '') return ok(null);
    return requireText('description', value, 2000);
  }
}
