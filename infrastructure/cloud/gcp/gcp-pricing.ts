import { type CostLine } from '../../../domain/cloud/ports/cloud.port';
import { type MachineShape } from './gcp-machine-types';

/** Compute Engine's service id in the Cloud Billing Catalog. */
export const COMPUTE_ENGINE_SERVICE = 'services/6F81-5844-456A';

/** The fields of a Cloud Billing Catalog `Sku` this module reads (the SDK's `ISku` fits). */
export interface CatalogSku {
  readonly description?: string | null;
  readonly category?: { readonly usageType?: string | null } | null;
  readonly serviceRegions?: readonly string[] | null;
  readonly pricingInfo?:
    | readonly {
        readonly pricingExpression?: {
          readonly tieredRates?:
            | readonly {
                readonly unitPrice?: {
                  readonly currencyCode?: string | null;
                  readonly units?: { toString(): string } | string | number | null;
                  readonly nanos?: number | null;
                } | null;
              }[]
            | null;
        } | null;
      }[]
    | null;
}

/**
 * The on-demand vCPU-hour and GiB-hour SKUs of the N1, N2 and E2 series, e.g.
 * "N1 Predefined Instance Core running in Americas" or "E2 Instance Ram running in Belgium".
 * Spot, commitment, sole-tenancy and custom SKUs have other descriptions or usage types, so the
 * anchored pattern plus `usageType === 'OnDemand'` leaves them out. Each SKU lists the regions it
 * prices in `serviceRegions`. Other series are not priced: their instances get no cost lines.
 */
const SKU_DESCRIPTION = /^(N1 Predefined|N2|E2) Instance (Core|Ram) running in /;
const SKU_FAMILY: Readonly<Record<string, string>> = { 'N1 Predefined': 'n1', N2: 'n2', E2: 'e2' };

type Part = 'core' | 'ram';

export interface SkuRate {
  readonly family: string;
  readonly part: Part;
  readonly regions: readonly string[];
  /** USD per vCPU-hour (core) or per GiB-hour (ram). */
  readonly usd: number;
}

/** The rate a SKU sets, when it is one of the SKUs above. Compute core/RAM SKUs have one tier. */
export function skuRate(sku: CatalogSku): SkuRate | null {
  if (sku.category?.usageType !== 'OnDemand') return null;
  const match = SKU_DESCRIPTION.exec(sku.description ?? '');
  if (!match) return null;
  const price = sku.pricingInfo?.[0]?.pricingExpression?.tieredRates?.[0]?.unitPrice;
  if (!price || (price.currencyCode && price.currencyCode !== 'USD')) return null;
  const usd = Number(String(price.units ?? 0)) + (price.nanos ?? 0) / 1e9;
  if (!Number.isFinite(usd)) return null;
  return {
    family: SKU_FAMILY[match[1]],
    part: match[2] === 'Core' ? 'core' : 'ram',
    regions: sku.serviceRegions ?? [],
    usd,
  };
}

const key = (family: string, part: Part, region: string) => `${family}/${part}/${region}`;

/** Prices keyed by series, part and region, filled from catalog pages until nothing is missing. */
export class PriceTable {
  private readonly prices = new Map<string, number>();
  private readonly missing: Set<string>;

  /** `wanted`: the (series, region) pairs the running instances need. */
  constructor(wanted: readonly { family: string; region: string }[]) {
    this.missing = new Set(
      wanted.flatMap((w) => [key(w.family, 'core', w.region), key(w.family, 'ram', w.region)]),
    );
  }

  /** Records a SKU's rate for the wanted regions it covers; true once every wanted price is known. */
  add(sku: CatalogSku): boolean {
    const rate = skuRate(sku);
    if (rate) {
      for (const region of rate.regions) {
        const k = key(rate.family, rate.part, region);
        if (this.missing.delete(k)) this.prices.set(k, rate.usd);
      }
    }
    return this.complete();
  }

  complete(): boolean {
    return this.missing.size === 0;
  }

  /** List price per hour of a shape in a region; null when the catalog lacks either half. */
  hourly(shape: MachineShape, region: string): number | null {
    const core = this.prices.get(key(shape.family, 'core', region));
    const ram = this.prices.get(key(shape.family, 'ram', region));
    if (core === undefined || ram === undefined) return null;
    return shape.billedVcpus * core + shape.memoryGb * ram;
  }
}

export interface RunningInstance {
  readonly externalId: string;
  readonly region: string;
  readonly shape: MachineShape;
  /** Since when it has run without a stop: its last start, else its creation. */
  readonly since: Date;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * An estimate, not a bill: GCP exposes actual costs only through the BigQuery billing export,
 * which this adapter cannot reach. Each instance running now is priced at list price (no
 * sustained-use or committed-use discounts, no disks, no network) for the hours it has run
 * since its last start, clipped to `[from, to)` and to `now`. Hours before that last start are
 * unknown and get no line rather than a guess.
 */
export function estimateDailyCosts(
  instances: readonly RunningInstance[],
  prices: PriceTable,
  range: { readonly from: string; readonly to: string },
  now: Date,
): CostLine[] {
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Math.min(Date.parse(`${range.to}T00:00:00Z`), now.getTime());
  const lines: CostLine[] = [];
  for (const instance of instances) {
    const hourly = prices.hourly(instance.shape, instance.region);
    if (hourly === null) continue;
    const since = instance.since.getTime();
    const firstDay = Math.max(from, Math.floor(since / DAY_MS) * DAY_MS);
    for (let day = firstDay; day < to; day += DAY_MS) {
      const hours = (Math.min(day + DAY_MS, to) - Math.max(day, since)) / HOUR_MS;
      if (hours <= 0) continue;
      lines.push({
        day: new Date(day).toISOString().slice(0, 10),
        service: 'Compute Engine',
        region: instance.region,
        externalId: instance.externalId,
        amountUsd: Math.round(hours * hourly * 1e6) / 1e6,
        estimated: true,
      });
    }
  }
  return lines;
}
