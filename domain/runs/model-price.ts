/**
 * Per-million-token prices for a family of models. `pattern` is matched against the model name
 * case-insensitively; `*` matches any run of characters (`claude-sonnet-4-5*` covers dated ids).
 */
export interface ModelPrice {
  readonly id: string;
  readonly pattern: string;
  readonly provider: string;
  readonly inputUsdPerMTok: number;
  readonly outputUsdPerMTok: number;
  readonly effectiveFrom: Date;
  readonly source: 'default' | 'tenant';
}

const compiled = new Map<string, RegExp>();

function matcher(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern
      .toLowerCase()
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`);
    compiled.set(pattern, re);
  }
  return re;
}

/** How specific a pattern is: the length of its literal text (exact names beat families). */
const specificity = (pattern: string): number => pattern.replace(/\*/g, '').length;

/**
 * The price in force for `model` at `at`: tenant prices beat shipped ones, a more specific pattern
 * beats a broader one, and among those the latest effective date not after `at` wins.
 */
export function priceFor(model: string, at: Date, prices: readonly ModelPrice[]): ModelPrice | null {
  for (const price of candidates(model.toLowerCase(), prices)) if (price.effectiveFrom <= at) return price;
  return null;
}

/** Bounded: model names come from clients. Dropping an entry only costs one scan of the table. */
const CANDIDATES_PER_TABLE = 1024;
const candidateCache = new WeakMap<readonly ModelPrice[], Map<string, readonly ModelPrice[]>>();

/**
 * The prices whose pattern matches `name`, best first by `better`, so the first one in force at a
 * given time is the answer. Ingest asks for the same few models thousands of times per table.
 */
function candidates(name: string, prices: readonly ModelPrice[]): readonly ModelPrice[] {
  let byName = candidateCache.get(prices);
  if (!byName) candidateCache.set(prices, (byName = new Map()));
  let list = byName.get(name);
  if (!list) {
    list = prices
      .filter((price) => matcher(price.pattern).test(name))
      .sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    if (byName.size >= CANDIDATES_PER_TABLE) byName.clear();
    byName.set(name, list);
  }
  return list;
}

function better(a: ModelPrice, b: ModelPrice): boolean {
  if (a.source !== b.source) return a.source === 'tenant';
  const sa = specificity(a.pattern);
  const sb = specificity(b.pattern);
  if (sa !== sb) return sa > sb;
  return a.effectiveFrom > b.effectiveFrom;
}

/** USD for a token usage at a price, rounded to 1e-8 (the stored precision). */
export function costOf(usage: { inputTokens: number; outputTokens: number }, price: ModelPrice): number {
  const usd =
    (usage.inputTokens * price.inputUsdPerMTok + usage.outputTokens * price.outputUsdPerMTok) / 1_000_000;
  return Math.round(usd * 1e8) / 1e8;
}
