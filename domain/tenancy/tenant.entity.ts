import { type Result, ok } from '../shared/result';
import { type TenantId } from '../shared/tenant-id';
import { requireText } from '../shared/text';

export const TENANT_PLANS = ['free', 'team', 'enterprise'] as const;
export type TenantPlan = (typeof TENANT_PLANS)[number];

/** Run retention per plan (seed 004 §8): 7 / 30 / 90 days. */
export const RETENTION_DAYS: Readonly<Record<TenantPlan, number>> = { free: 7, team: 30, enterprise: 90 };

export interface TenantProps {
  readonly id: TenantId;
  readonly name: string;
  readonly plan: TenantPlan;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export class Tenant {
  private constructor(private readonly props: TenantProps) {}

  static create(input: { id: TenantId; name: string; plan?: TenantPlan; now: Date }): Result<Tenant> {
    const name = requireText('name', input.name, 120);
    if (!name.ok) return name;
    return ok(
      new Tenant({
        id: input.id,
        name: name.value,
        plan: input.plan ?? 'team',
        createdAt: input.now,
        updatedAt: input.now,
      }),
    );
  }

  /** Rebuilds a tenant that was valid when stored. */
  static restore(props: TenantProps): Tenant {
    return new Tenant(props);
  }

  get id(): TenantId {
    return this.props.id;
  }
  get name(): string {
    return this.props.name;
  }
  get plan(): TenantPlan {
    return this.props.plan;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }
  get retentionDays(): number {
    return RETENTION_DAYS[this.props.plan];
  }

  rename(name: string, now: Date): Result<Tenant> {
    const checked = requireText('name', name, 120);
    if (!checked.ok) return checked;
    return ok(new Tenant({ ...this.props, name: checked.value, updatedAt: now }));
  }

  changePlan(plan: TenantPlan, now: Date): Tenant {
    return new Tenant({ ...this.props, plan, updatedAt: now });
  }
}
