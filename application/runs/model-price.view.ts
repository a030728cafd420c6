import { z } from 'zod';
import { type ModelPrice } from '../../domain/runs/model-price';

export const ModelPriceView = z.object({
  id: z.string(),
  pattern: z.string().describe('Model names it applies to; * matches anything'),
  provider: z.string(),
  input_usd_per_mtok: z.number(),
  output_usd_per_mtok: z.number(),
  effective_from: z.iso.datetime(),
  source: z
    .enum(['default', 'tenant'])
    .describe('default: shipped with Cockpit; tenant: your override, which wins'),
});
export type ModelPriceView = z.infer<typeof ModelPriceView>;

export const toModelPriceView = (price: ModelPrice): ModelPriceView => ({
  id: price.id,
  pattern: price.pattern,
  provider: price.provider,
  input_usd_per_mtok: price.inputUsdPerMTok,
  output_usd_per_mtok: price.outputUsdPerMTok,
  effective_from: price.effectiveFrom.toISOString(),
  source: price.source,
});
