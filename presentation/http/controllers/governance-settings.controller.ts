import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  ApprovalWebhookUseCase,
  type ApprovalWebhookView,
} from '../../../application/governance/approval-webhook.use-case';
import { ApprovalWebhookInput } from '../../../application/governance/governance-input';
import { type Actor } from '../../../application/shared/actor';
import { DecisionTokenSigner } from '../../../domain/governance/ports/decision-tokens.port';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { unwrap } from '../result';

const WebhookView = z.object({
  url: z.string(),
  secret: z.string().optional().describe('Shown once, in the answer that set it'),
  signature_header: z.string(),
});
const Jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });
const Rotated = z.object({ kid: z.string() });

@Controller()
export class GovernanceSettingsController {
  constructor(
    private readonly webhook: ApprovalWebhookUseCase,
    private readonly signer: DecisionTokenSigner,
  ) {}

  @Get('.well-known/jwks.json')
  @Api({
    access: 'public',
    summary: 'Public keys that verify decision tokens (EdDSA / Ed25519)',
    tags: ['approvals'],
    response: Jwks,
  })
  async jwks(): Promise<z.infer<typeof Jwks>> {
    return this.signer.jwks();
  }

  @Post('v1/signing-keys::rotate')
  @HttpCode(200)
  @Api({
    access: 'operator',
    summary: 'Rotate the decision-token signing key (unexpired tokens stay valid)',
    tags: ['approvals'],
    response: Rotated,
  })
  async rotate(): Promise<z.infer<typeof Rotated>> {
    return { kid: await this.signer.rotate() };
  }

  @Get('v1/settings/approval-webhook')
  @Api({ access: 'admin', summary: 'The approval webhook', tags: ['approvals'], response: WebhookView })
  async getWebhook(@CurrentActor() actor: Actor): Promise<ApprovalWebhookView> {
    return unwrap(await this.webhook.get(actor));
  }

  @Put('v1/settings/approval-webhook')
  @Api({
    access: 'admin',
    summary: 'Set the approval webhook (Slack-compatible JSON, HMAC-signed, retried with backoff)',
    description:
      'Each delivery carries X-Cockpit-Timestamp and X-Cockpit-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>.',
    tags: ['approvals'],
    body: ApprovalWebhookInput,
    response: WebhookView,
  })
  async setWebhook(
    @CurrentActor() actor: Actor,
    @Body() body: ApprovalWebhookInput,
  ): Promise<ApprovalWebhookView> {
    return unwrap(await this.webhook.set(actor, body));
  }

  @Delete('v1/settings/approval-webhook')
  @HttpCode(204)
  @Api({ access: 'admin', summary: 'Remove the approval webhook', tags: ['approvals'] })
  async removeWebhook(@CurrentActor() actor: Actor): Promise<void> {
    unwrap(await this.webhook.remove(actor));
  }
}
