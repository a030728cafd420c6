import { type TenantId } from '../../shared/tenant-id';
import { type Budget, type BudgetAlert } from '../budget';

export interface StoredAlert extends BudgetAlert {
  readonly id: string;
  readonly budgetName: string;
}

export abstract class BudgetRepository {
  abstract create(budget: Budget, createdBy: Readonly<Record<string, unknown>>): Promise<void>;
  abstract list(tenantId: TenantId): Promise<readonly Budget[]>;
  abstract findById(tenantId: TenantId, id: string): Promise<Budget | null>;
  abstract delete(tenantId: TenantId, id: string): Promise<boolean>;
  /** Stores the alert unless the same (budget, threshold, basis, period) was raised before. */
  abstract raise(tenantId: TenantId, alert: BudgetAlert, id: string): Promise<boolean>;
  abstract alerts(
    tenantId: TenantId,
    filter: { readonly budgetId?: string; readonly period?: string; readonly limit: number },
  ): Promise<readonly StoredAlert[]>;
}
