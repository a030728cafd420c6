import { DomainError, type FieldError } from '../shared/domain-error';
import { type Result, err, ok } from '../shared/result';
import { type TenantId } from '../shared/tenant-id';
import { requireText } from '../shared/text';

export const DEFAULT_THRESHOLDS: readonly number[] = [50, 80, 100];
/** Percent of the budget; above 100 warns of an overrun already under way (e.g. 150 % of plan). */
export const MIN_THRESHOLD = 1;
export const MAX_THRESHOLD = 1000;
export const MAX_THRESHOLDS = 10;

export interface BudgetScope {
  /** Null: every project of the tenant. */
  readonly projectId: string | null;
  /** Null: every provider of the tenant. */
  readonly providerId: string | null;
}

export interface Budget {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly name: string;
  readonly scope: BudgetScope;
  readonly amountUsd: number;
  readonly period: 'monthly';
  /** Percentages of `amountUsd`, ascending and unique. */
  readonly thresholds: readonly number[];
  readonly createdAt: Date;
}

export type AlertBasis = 'actual' | 'forecast';

export interface BudgetAlert {
  readonly budgetId: string;
  readonly threshold: number;
  readonly basis: AlertBasis;
  /** The calendar month (UTC) the spend belongs to, `YYYY-MM`. */
  readonly period: string;
  /** Spend to date (actual) or projected month total (forecast) when the threshold was crossed. */
  readonly amountUsd: number;
  readonly budgetUsd: number;
  readonly at: Date;
}

export interface BudgetInput {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly name: string;
  readonly scope?: Partial<BudgetScope>;
  readonly amountUsd: number;
  readonly thresholds?: readonly number[];
  readonly createdAt: Date;
}

/** Checks a budget as a user entered it; reports every bad field at once. */
export function validateBudget(input: BudgetInput): Result<Budget> {
  const fields: FieldError[] = [];
  const name = requireText('name', input.name, 120);
  if (!name.ok) fields.push(...name.error.fields);
  if (!Number.isFinite(input.amountUsd) || input.amountUsd <= 0)
    fields.push({ path: 'amountUsd', message: 'must be a positive amount' });
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  fields.push(...thresholdErrors(thresholds));
  if (fields.length > 0 || !name.ok) return err(DomainError.validation('the budget is not valid', fields));
  return ok({
    tenantId: input.tenantId,
    id: input.id,
    name: name.value,
    scope: { projectId: input.scope?.projectId ?? null, providerId: input.scope?.providerId ?? null },
    amountUsd: input.amountUsd,
    period: 'monthly',
    // Order is not the user's business; sorting keeps alerts and displays ascending.
    thresholds: [...thresholds].sort((a, b) => a - b),
    createdAt: input.createdAt,
  });
}

function thresholdErrors(thresholds: readonly number[]): FieldError[] {
  if (thresholds.length === 0 || thresholds.length > MAX_THRESHOLDS)
    return [{ path: 'thresholds', message: `must hold between 1 and ${MAX_THRESHOLDS} percentages` }];
  const errors: FieldError[] = [];
  thresholds.forEach((t, i) => {
    if (!Number.isFinite(t) || t < MIN_THRESHOLD || t > MAX_THRESHOLD)
      errors.push({
        path: `thresholds[${i}]`,
        message: `must be between ${MIN_THRESHOLD} and ${MAX_THRESHOLD} percent`,
      });
    else if (thresholds.indexOf(t) !== i)
      errors.push({ path: `thresholds[${i}]`, message: 'is a duplicate' });
  });
  return errors;
}

/** Where the month stands when the thresholds are checked. */
export interface BudgetStanding {
  /** `YYYY-MM` (UTC). */
  readonly period: string;
  /** Spend in the month so far. */
  readonly actualUsd: number;
  /** Forecast spend for the rest of the month; null when no forecast is available. */
  readonly forecastUsd: number | null;
  readonly at: Date;
}

export interface RaisedAlert {
  readonly threshold: number;
  readonly basis: AlertBasis;
  readonly period: string;
}

const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isBudgetPeriod(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

/** The budget period (UTC calendar month) a moment belongs to. */
export function budgetPeriodOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** Sum of the forecast days that fall in the period, e.g. the rest of this month. */
export function forecastForPeriod(points: readonly { day: string; value: number }[], period: string): number {
  return points.filter((p) => p.day.startsWith(`${period}-`)).reduce((sum, p) => sum + p.value, 0);
}

/**
 * The alerts to raise now: each (threshold, basis, period) fires at most once, so a caller that
 * checks every hour passes what it already raised. The forecast basis projects the month's total
 * (spend to date + forecast for the rest of the month) against the budget. A forecast alert is
 * withheld when actual spend has crossed the same threshold: "you will cross 80 %" after "you
 * crossed 80 %" is noise.
 */
export function crossedThresholds(
  budget: Budget,
  standing: BudgetStanding,
  alreadyRaised: readonly RaisedAlert[],
): BudgetAlert[] {
  // A malformed period is a caller bug (it comes from budgetPeriodOf), not a user error.
  if (!isBudgetPeriod(standing.period)) throw new Error(`not a budget period: ${standing.period}`);
  const raised = new Set(
    alreadyRaised.filter((a) => a.period === standing.period).map((a) => `${a.basis}:${a.threshold}`),
  );
  const projected =
    standing.forecastUsd === null || !Number.isFinite(standing.forecastUsd)
      ? null
      : standing.actualUsd + Math.max(0, standing.forecastUsd);
  const alerts: BudgetAlert[] = [];
  const alert = (threshold: number, basis: AlertBasis, amountUsd: number): BudgetAlert => ({
    budgetId: budget.id,
    threshold,
    basis,
    period: standing.period,
    amountUsd,
    budgetUsd: budget.amountUsd,
    at: standing.at,
  });
  for (const threshold of [...budget.thresholds].sort((a, b) => a - b)) {
    const reaches = (amount: number) =>
      Number.isFinite(amount) && amount * 100 >= threshold * budget.amountUsd;
    const actualCrossed = reaches(standing.actualUsd);
    if (actualCrossed && !raised.has(`actual:${threshold}`))
      alerts.push(alert(threshold, 'actual', standing.actualUsd));
    if (actualCrossed || raised.has(`actual:${threshold}`) || raised.has(`forecast:${threshold}`)) continue;
    if (projected !== null && reaches(projected)) alerts.push(alert(threshold, 'forecast', projected));
  }
  return alerts;
}
