import { z } from 'zod';
import { type ModelPrice } from '../../domain/runs/model-price';
import { type ModelPriceRepository } from '../../domain/runs/ports/model-price-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type IdGenerator } from '../../domain/shared/ports/id-generator.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type PriceBook } from './price-book';

export const SetModelPriceInput = z.strictObject({
  pattern: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w.:/*-]+$/, 'letters, digits, _ . : / - and * only'),
  provider: z.string().min(1).max(100).default('custom'),
  input_usd_per_mtok: z.number().min(0).max(10_000),
  output_usd_per_mtok: z.number().min(0).max(10_000),
  effective_from: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Defaults to now; steps that started earlier keep their price'),
});
export type SetModelPriceInput = z.infer<typeof SetModelPriceInput>;

/** An Admin overrides the shipped price of a model family for their tenant (negotiated rates, self-hosting). */
export class SetModelPriceUseCase {
  constructor(
    private readonly repository: ModelPriceRepository,
    private readonly book: PriceBook,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: SetModelPriceInput): Promise<Result<ModelPrice>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const price: ModelPrice = {
      id: this.ids.next(),
      pattern: input.pattern,
      provider: input.provider,
      inputUsdPerMTok: input.input_usd_per_mtok,
      outputUsdPerMTok: input.output_usd_per_mtok,
      effectiveFrom: input.effective_from ? new Date(input.effective_from) : this.clock.now(),
      source: 'tenant',
    };
    await this.repository.create(admin.value.tenantId, price);
    this.book.forget(admin.value.tenantId);
    return ok(price);
  }
}

export class DeleteModelPriceUseCase {
  constructor(
    private readonly repository: ModelPriceRepository,
    private readonly book: PriceBook,
  ) {}

  async execute(actor: Actor, priceId: string): Promise<Result<void>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    if (!(await this.repository.delete(admin.value.tenantId, priceId)))
      return err(DomainError.notFound('price', priceId));
    this.book.forget(admin.value.tenantId);
    return ok(undefined);
  }
}
