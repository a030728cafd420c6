import fc from 'fast-check';
import { DEFAULT_MODEL_PRICES } from './default-model-prices';
import { type ModelPrice, costOf, priceFor } from './model-price';

const NOW = new Date('2026-11-23T00:00:00Z');
const tenant = (pattern: string, input: number, output: number, from = '2026-01-01'): ModelPrice => ({
  id: `t:${pattern}`,
  pattern,
  provider: 'custom',
  inputUsdPerMTok: input,
  outputUsdPerMTok: output,
  effectiveFrom: new Date(`${from}T00:00:00Z`),
  source: 'tenant',
});

describe('model prices', () => {
  it.each([
    ['claude-sonnet-4-5-20250929', 3, 15],
    ['claude-opus-4-6', 5, 25],
    ['claude-opus-4-1-20250805', 15, 75],
    ['gpt-4o-mini-2024-07-18', 0.15, 0.6],
    ['gpt-4o-2024-08-06', 2.5, 10],
    ['GPT-5-MINI', 0.25, 2],
    ['gemini-2.5-flash-lite', 0.1, 0.4],
    ['gemini-2.5-flash', 0.3, 2.5],
  ])('prices %s by its most specific family', (model, input, output) => {
    expect(priceFor(model, NOW, DEFAULT_MODEL_PRICES)).toMatchObject({
      inputUsdPerMTok: input,
      outputUsdPerMTok: output,
    });
  });

  it('knows nothing of an unknown model', () => {
    expect(priceFor('my-local-llama', NOW, DEFAULT_MODEL_PRICES)).toBeNull();
  });

  it('lets a tenant price beat the shipped one, even a broader pattern', () => {
    const prices = [...DEFAULT_MODEL_PRICES, tenant('claude-*', 2, 10)];
    expect(priceFor('claude-sonnet-4-5', NOW, prices)).toMatchObject({
      source: 'tenant',
      inputUsdPerMTok: 2,
    });
  });

  it('uses the price that was in force when the step ran', () => {
    const prices = [tenant('m-*', 1, 1, '2026-01-01'), tenant('m-*', 2, 2, '2026-06-01')];
    expect(priceFor('m-1', new Date('2026-03-01T00:00:00Z'), prices)?.inputUsdPerMTok).toBe(1);
    expect(priceFor('m-1', new Date('2026-07-01T00:00:00Z'), prices)?.inputUsdPerMTok).toBe(2);
    expect(priceFor('m-1', new Date('2025-12-31T00:00:00Z'), prices)).toBeNull();
  });

  it('computes cost from input and output tokens', () => {
    const price = priceFor('claude-sonnet-4-5', NOW, DEFAULT_MODEL_PRICES) as ModelPrice;
    expect(costOf({ inputTokens: 1000, outputTokens: 500 }, price)).toBe(0.0105);
    expect(costOf({ inputTokens: 0, outputTokens: 0 }, price)).toBe(0);
  });

  it('treats regex characters in patterns literally', () => {
    const prices = [tenant('gpt-5.1*', 9, 9)];
    expect(priceFor('gpt-5x1', NOW, prices)).toBeNull();
    expect(priceFor('gpt-5.1-codex', NOW, prices)?.inputUsdPerMTok).toBe(9);
  });

  it('answers like a full scan of the table, whatever the order of questions', () => {
    const pattern = fc.constantFrom('m*', 'm-1', 'm-1*', 'm-1-mini', '*mini', 'x*', '*');
    const day = fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)));
    const price = fc.record({
      pattern,
      input: fc.integer({ min: 0, max: 50 }),
      from: day,
      source: fc.constantFrom<'default' | 'tenant'>('default', 'tenant'),
    });
    const scan = (model: string, at: Date, prices: readonly ModelPrice[]) => {
      let best: ModelPrice | null = null;
      const literal = (p: string) => p.replace(/\*/g, '').length;
      const matches = (p: string) =>
        new RegExp(
          `^${p
            .split('*')
            .map((s) => s.replace(/[-.]/g, '\\$&'))
            .join('.*')}$`,
        ).test(model);
      for (const p of prices) {
        if (p.effectiveFrom > at || !matches(p.pattern)) continue;
        const wins =
          !best ||
          (p.source !== best.source
            ? p.source === 'tenant'
            : literal(p.pattern) !== literal(best.pattern)
              ? literal(p.pattern) > literal(best.pattern)
              : p.effectiveFrom > best.effectiveFrom);
        if (wins) best = p;
      }
      return best;
    };
    fc.assert(
      fc.property(
        fc.array(price, { maxLength: 12 }),
        fc.array(fc.tuple(fc.constantFrom('m-1', 'm-1-mini', 'm-2', 'x'), day), {
          minLength: 1,
          maxLength: 8,
        }),
        (specs, questions) => {
          const prices: ModelPrice[] = specs.map((s, i) => ({
            id: `p${i}`,
            pattern: s.pattern,
            provider: 'test',
            inputUsdPerMTok: s.input,
            outputUsdPerMTok: 1,
            effectiveFrom: s.from,
            source: s.source,
          }));
          for (const [model, at] of questions)
            expect(priceFor(model, at, prices)).toBe(scan(model, at, prices));
        },
      ),
    );
  });
});
