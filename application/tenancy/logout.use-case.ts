import { z } from 'zod';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type SecretTokens } from '../../domain/tenancy/ports/secret-tokens.port';
import { type SessionRepository } from '../../domain/tenancy/ports/session-repository.port';
import { type Actor } from '../shared/actor';

export const LogoutInput = z.strictObject({
  refresh_token: z.string().min(1).max(200).optional().describe('Ends the session of this token instead'),
});
export type LogoutInput = z.infer<typeof LogoutInput>;

/** Ends a session: its refresh tokens stop working, and so do its access tokens (checked per request). */
export class LogoutUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly tokens: SecretTokens,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor | null, input: LogoutInput): Promise<Result<void>> {
    const now = this.clock.now();
    if (input.refresh_token) {
      const token = await this.sessions.findRefreshToken(this.tokens.digest(input.refresh_token));
      if (token) await this.sessions.revoke(token.sessionId, 'logout', now);
      return ok(undefined); // unknown tokens are not an error: logging out is idempotent
    }
    if (actor?.kind !== 'user') {
      return err(DomainError.validation('send refresh_token, or call with a user access token'));
    }
    await this.sessions.revoke(actor.sessionId, 'logout', now);
    return ok(undefined);
  }
}
