import { createHmac } from 'node:crypto';
import { type WebhookDelivery, WebhookSender } from '../../domain/governance/ports/webhook-outbox.port';

/** Signature scheme: `X-Cockpit-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export class FetchWebhookSender extends WebhookSender {
  constructor(private readonly settings: { readonly timeoutMs: number } = { timeoutMs: 10_000 }) {
    super();
  }

  async send(delivery: WebhookDelivery, secret: string, at: Date): Promise<number> {
    const body = JSON.stringify(delivery.body);
    const timestamp = String(Math.floor(at.getTime() / 1000));
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Cockpit-Webhooks/1',
        'x-cockpit-event': delivery.event,
        'x-cockpit-delivery': delivery.id,
        'x-cockpit-timestamp': timestamp,
        'x-cockpit-signature': webhookSignature(secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.settings.timeoutMs),
    });
    await response.body?.cancel();
    return response.status;
  }
}
