import {
  type LegacyUsageDetail,
  type ModernUsageDetail,
  type UsageDetailUnion,
} from '@azure/arm-consumption';
import { type CostLine } from '../../../domain/cloud/ports/cloud.port';
import { DomainError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';
import { normalizeArmId, normalizeRegion } from './azure-mapping';

/**
 * The usage-details filter for `[from, to)`. Azure stamps each line with its UTC day, so lines are
 * also checked against the range on arrival in case a billing period boundary lets extra days in.
 */
export function usageFilter(range: { readonly from: string; readonly to: string }): string {
  return `properties/usageStart ge '${range.from}' and properties/usageEnd lt '${range.to}'`;
}

interface UsageLine {
  readonly day: string;
  readonly service: string;
  readonly region: string;
  readonly resourceId: string | undefined;
  readonly amountUsd: number;
}

/**
 * Sums usage lines per day, service, region and resource, as they stream in page by page. Azure has two shapes: `legacy`
 * (Enterprise Agreement and pay-as-you-go subscriptions), whose `cost` is in the billing currency,
 * and `modern` (Microsoft Customer Agreement), which also gives `costInUSD`. A legacy line billed
 * in another currency has no USD amount to give, and converting it with a rate of our own would
 * be made up, so such a subscription's costs fail with a clear error instead.
 */
export async function aggregateUsage(
  details: AsyncIterable<UsageDetailUnion> | Iterable<UsageDetailUnion>,
  range: { readonly from: string; readonly to: string },
): Promise<Result<CostLine[]>> {
  const totals = new Map<string, CostLine>();
  for await (const detail of details) {
    const line = readLine(detail);
    if (!line.ok) return line;
    const { day, service, region, resourceId, amountUsd } = line.value;
    if (!day || day < range.from || day >= range.to) continue;
    const externalId = resourceId?.toLowerCase().startsWith('/subscriptions/')
      ? normalizeArmId(resourceId)
      : null;
    const key = JSON.stringify([day, service, region, externalId]);
    const sum = (totals.get(key)?.amountUsd ?? 0) + amountUsd;
    totals.set(key, { day, service, region, externalId, amountUsd: sum, estimated: false });
  }
  const order = (line: CostLine) => [line.day, line.service, line.region, line.externalId ?? ''];
  return ok(
    [...totals.values()]
      .map((line) => ({ ...line, amountUsd: Math.round(line.amountUsd * 1e6) / 1e6 }))
      .sort((a, b) => {
        const [x, y] = [order(a), order(b)];
        const at = x.findIndex((part, i) => part !== y[i]);
        return at === -1 ? 0 : x[at].localeCompare(y[at]);
      }),
  );
}

function readLine(detail: UsageDetailUnion): Result<UsageLine> {
  if (detail.kind === 'legacy') {
    const legacy = detail as LegacyUsageDetail;
    const currency = legacy.billingCurrency ?? 'USD';
    if (currency.toUpperCase() !== 'USD') return notUsd(currency);
    return ok({
      day: utcDay(legacy.date),
      service: legacy.meterDetails?.meterCategory ?? legacy.consumedService ?? 'Unknown',
      region: region(legacy.resourceLocation),
      resourceId: legacy.resourceId,
      amountUsd: legacy.cost ?? 0,
    });
  }
  if (detail.kind === 'modern') {
    const modern = detail as ModernUsageDetail;
    const amount =
      modern.costInUSD ??
      (modern.billingCurrencyCode?.toUpperCase() === 'USD' ? modern.costInBillingCurrency : undefined);
    if (amount === undefined) return notUsd(modern.billingCurrencyCode ?? 'an unknown currency');
    return ok({
      day: utcDay(modern.date),
      service: modern.meterCategory ?? modern.consumedService ?? 'Unknown',
      region: region(modern.resourceLocationNormalized ?? modern.resourceLocation),
      resourceId: modern.instanceName,
      amountUsd: amount,
    });
  }
  // A kind this API version does not know: nothing can be read from it, and it is skipped.
  return ok({ day: '', service: '', region: '', resourceId: undefined, amountUsd: 0 });
}

function utcDay(date: Date | undefined): string {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : '';
}

/** Reservations and other account-wide charges sit in no region (`Unassigned`, or nothing). */
function region(location: string | undefined): string {
  const normalized = location ? normalizeRegion(location) : '';
  return normalized === '' || normalized === 'unassigned' ? 'global' : normalized;
}

function notUsd(currency: string): Result<never> {
  return err(
    new DomainError(
      'unprocessable',
      `Azure reports this subscription's usage in ${currency} without a USD amount; Cockpit does not convert currencies`,
      'provider_rejected',
    ),
  );
}
