import { type ModelPrice } from './model-price';

/**
 * List prices shipped with Cockpit (USD per million tokens, standard tier, no caching or batch
 * discounts), as published by Anthropic, OpenAI and Google and checked on 2026-11-23. Prices
 * change: a tenant overrides any of them through `POST /v1/pricing/models`, and a new release of
 * this table adds rows with a later `effectiveFrom` instead of editing old ones, so past costs stay.
 */
type Row = readonly [provider: string, pattern: string, input: number, output: number, effectiveFrom: string];

const ROWS: readonly Row[] = [
  ['anthropic', 'claude-opus-4-6*', 5, 25, '2026-02-05'],
  ['anthropic', 'claude-opus-4-7*', 5, 25, '2026-04-01'],
  ['anthropic', 'claude-opus-4-5*', 5, 25, '2025-11-24'],
  ['anthropic', 'claude-opus-4-1*', 15, 75, '2025-08-05'],
  ['anthropic', 'claude-opus-4*', 15, 75, '2025-05-22'],
  ['anthropic', 'claude-sonnet-4*', 3, 15, '2025-05-22'],
  ['anthropic', 'claude-haiku-4-5*', 1, 5, '2025-10-15'],
  ['anthropic', 'claude-3-7-sonnet*', 3, 15, '2025-02-24'],
  ['anthropic', 'claude-3-5-sonnet*', 3, 15, '2024-06-20'],
  ['anthropic', 'claude-3-5-haiku*', 0.8, 4, '2024-11-04'],
  ['anthropic', 'claude-3-haiku*', 0.25, 1.25, '2024-03-13'],
  ['openai', 'gpt-5.4*', 2.5, 15, '2026-03-01'],
  ['openai', 'gpt-5.1*', 1.25, 10, '2025-11-12'],
  ['openai', 'gpt-5-pro*', 15, 120, '2025-10-06'],
  ['openai', 'gpt-5-mini*', 0.25, 2, '2025-08-07'],
  ['openai', 'gpt-5-nano*', 0.05, 0.4, '2025-08-07'],
  ['openai', 'gpt-5*', 1.25, 10, '2025-08-07'],
  ['openai', 'gpt-4.1-mini*', 0.4, 1.6, '2025-04-14'],
  ['openai', 'gpt-4.1-nano*', 0.1, 0.4, '2025-04-14'],
  ['openai', 'gpt-4.1*', 2, 8, '2025-04-14'],
  ['openai', 'gpt-4o-mini*', 0.15, 0.6, '2024-07-18'],
  ['openai', 'gpt-4o*', 2.5, 10, '2024-08-06'],
  ['openai', 'o4-mini*', 1.1, 4.4, '2025-04-16'],
  ['openai', 'o3-mini*', 1.1, 4.4, '2025-01-31'],
  ['openai', 'o3*', 2, 8, '2025-06-10'],
  ['openai', 'text-embedding-3-small*', 0.02, 0, '2024-01-25'],
  ['openai', 'text-embedding-3-large*', 0.13, 0, '2024-01-25'],
  ['google', 'gemini-3-pro*', 2, 12, '2025-11-18'],
  ['google', 'gemini-2.5-pro*', 1.25, 10, '2025-06-17'],
  ['google', 'gemini-2.5-flash-lite*', 0.1, 0.4, '2025-07-22'],
  ['google', 'gemini-2.5-flash*', 0.3, 2.5, '2025-06-17'],
  ['google', 'gemini-2.0-flash-lite*', 0.075, 0.3, '2025-02-25'],
  ['google', 'gemini-2.0-flash*', 0.1, 0.4, '2025-02-05'],
];

export const DEFAULT_MODEL_PRICES: readonly ModelPrice[] = ROWS.map(
  ([provider, pattern, input, output, from]) => ({
    id: `default:${pattern}`,
    pattern,
    provider,
    inputUsdPerMTok: input,
    outputUsdPerMTok: output,
    effectiveFrom: new Date(`${from}T00:00:00.000Z`),
    source: 'default',
  }),
);
