import {
  type KeyObject,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
} from 'node:crypto';
import { type JWTPayload, SignJWT, errors, jwtVerify } from 'jose';
import { type DecisionClaims } from '../../domain/governance/decision-token';
import { DecisionTokenSigner, type VerifiedToken } from '../../domain/governance/ports/decision-tokens.port';
import { type Database } from '../persistence/database';
import { type SecretBox } from './secret-box';

const ALG = 'EdDSA';
const TYP = 'cockpit-decision+jwt';
const ISSUER = 'cockpit';
const AUDIENCE = 'cockpit:tool-call';
const DAY_MS = 86_400_000;

interface KeyEntry {
  readonly kid: string;
  readonly publicKey: KeyObject;
  readonly publicJwk: Record<string, unknown>;
  /** Null when another replica (another master key) made it: we can verify with it, not sign. */
  readonly privateKey: KeyObject | null;
  readonly createdAt: Date;
  readonly retiredAt: Date | null;
}

interface KeyRow {
  kid: string;
  public_jwk: Record<string, unknown> | string;
  sealed_private_key: string;
  created_at: Date | string;
  retired_at: Date | string | null;
}

class UnknownKey extends Error {}

/**
 * Decision tokens as compact JWS signed with Ed25519. Keys live in `signing_keys` (private halves
 * sealed with the master key); the signing key rotates after `rotationDays`, and a retired key is
 * still published and accepted for a day, so rotation never invalidates an unexpired token.
 */
export class JoseDecisionTokenSigner extends DecisionTokenSigner {
  private readonly keys = new Map<string, KeyEntry>();
  private loaded = false;
  private creating: Promise<KeyEntry> | null = null;

  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    private readonly settings: { readonly rotationDays: number; readonly now?: () => Date },
  ) {
    super();
  }

  async sign(claims: DecisionClaims): Promise<{ token: string; kid: string }> {
    const key = await this.signingKey(claims.issuedAt);
    const payload: JWTPayload = {
      tid: claims.tenantId,
      pid: claims.projectId,
      rid: claims.runId,
      sid: claims.stepId,
      aid: claims.approvalId,
      ph: claims.payloadHash,
      dec: claims.decision,
      pv: claims.policyVersion,
      pvid: claims.policyVersionId,
      bg: claims.breakGlass,
    };
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: ALG, kid: key.kid, typ: TYP })
      .setJti(claims.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(claims.runId)
      .setIssuedAt(Math.floor(claims.issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
      .sign(key.privateKey as KeyObject);
    return { token, kid: key.kid };
  }

  async verify(token: string, now: Date): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(
        token,
        async (header) => (await this.publicKey(header.kid, now)).publicKey,
        {
          algorithms: [ALG],
          typ: TYP,
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: now,
          requiredClaims: ['jti', 'exp', 'iat', 'tid', 'rid', 'ph'],
        },
      );
      return { ok: true, claims: toClaims(payload) };
    } catch (error) {
      if (error instanceof UnknownKey) return { ok: false, reason: 'unknown_key' };
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JWSSignatureVerificationFailed)
        return { ok: false, reason: 'bad_signature' };
      return { ok: false, reason: 'malformed' };
    }
  }

  /** The public keys to publish at /.well-known/jwks.json. */
  async jwks(now: Date = this.now()): Promise<{ keys: Record<string, unknown>[] }> {
    await this.load(true);
    const keys = [...this.keys.values()]
      .filter((k) => acceptable(k, now))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((k) => ({ ...k.publicJwk, kid: k.kid, alg: ALG, use: 'sig' }));
    return { keys };
  }

  /** Retires the current signing key and starts a new one (old tokens stay verifiable). */
  async rotate(now: Date = this.now()): Promise<string> {
    await this.load(true);
    const current = this.currentKey(now);
    if (current) await this.retire(current, now);
    return (await this.createKey(now)).kid;
  }

  private now(): Date {
    return this.settings.now?.() ?? new Date();
  }

  private currentKey(now: Date): KeyEntry | null {
    const fresh = now.getTime() - this.settings.rotationDays * DAY_MS;
    let best: KeyEntry | null = null;
    for (const k of this.keys.values()) {
      if (!k.privateKey || k.retiredAt || k.createdAt.getTime() < fresh) continue;
      if (!best || k.createdAt > best.createdAt) best = k;
    }
    return best;
  }

  private async signingKey(now: Date): Promise<KeyEntry> {
    await this.load(false);
    const current = this.currentKey(now);
    if (current) return current;
    this.creating ??= (async () => {
      for (const k of this.keys.values()) {
        // our own key, past its rotation age: retire it as a new one takes over
        if (k.privateKey && !k.retiredAt) await this.retire(k, now);
      }
      return this.createKey(now);
    })().finally(() => (this.creating = null));
    return this.creating;
  }

  private async publicKey(kid: string | undefined, now: Date): Promise<KeyEntry> {
    if (!kid) throw new UnknownKey();
    let key = this.keys.get(kid);
    if (!key) {
      await this.load(true); // another replica may have created it
      key = this.keys.get(kid);
    }
    if (!key || !acceptable(key, now)) throw new UnknownKey();
    return key;
  }

  private async load(force: boolean): Promise<void> {
    if (this.loaded && !force) return;
    const rows: KeyRow[] = await this.db.run({}, (m) =>
      m.query('SELECT kid, public_jwk, sealed_private_key, created_at, retired_at FROM signing_keys'),
    );
    for (const row of rows) {
      const jwk = typeof row.public_jwk === 'string' ? JSON.parse(row.public_jwk) : row.public_jwk;
      const sealed = this.box.open(row.sealed_private_key);
      this.keys.set(row.kid, {
        kid: row.kid,
        publicJwk: jwk,
        publicKey: createPublicKey({ key: jwk, format: 'jwk' }),
        privateKey: sealed ? createPrivateKey(sealed) : null,
        createdAt: new Date(row.created_at),
        retiredAt: row.retired_at ? new Date(row.retired_at) : null,
      });
    }
    this.loaded = true;
  }

  private async createKey(now: Date): Promise<KeyEntry> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicJwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
    const kid = `${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await this.db.run({}, (m) =>
      m.query(
        'INSERT INTO signing_keys (kid, algorithm, public_jwk, sealed_private_key, created_at) VALUES ($1, $2, $3::jsonb, $4, $5)',
        [kid, ALG, JSON.stringify(publicJwk), this.box.seal(pem), now],
      ),
    );
    const entry: KeyEntry = { kid, publicKey, publicJwk, privateKey, createdAt: now, retiredAt: null };
    this.keys.set(kid, entry);
    return entry;
  }

  private async retire(key: KeyEntry, now: Date): Promise<void> {
    await this.db.run({}, (m) =>
      m.query('UPDATE signing_keys SET retired_at = $2 WHERE kid = $1 AND retired_at IS NULL', [
        key.kid,
        now,
      ]),
    );
    this.keys.set(key.kid, { ...key, retiredAt: now });
  }
}

/** A key is accepted (and published) while active, and for a day after it retired. */
const acceptable = (key: KeyEntry, now: Date): boolean =>
  !key.retiredAt || now.getTime() - key.retiredAt.getTime() < DAY_MS;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function toClaims(p: JWTPayload): DecisionClaims {
  const decision = p.dec === 'approved' || p.dec === 'break_glass' ? p.dec : 'allow';
  return {
    id: p.jti as string,
    tenantId: str(p.tid) ?? '',
    projectId: str(p.pid) ?? '',
    runId: str(p.rid) ?? '',
    stepId: str(p.sid),
    approvalId: str(p.aid),
    payloadHash: str(p.ph) ?? '',
    decision,
    policyVersion: typeof p.pv === 'number' ? p.pv : null,
    policyVersionId: str(p.pvid),
    breakGlass: p.bg === true,
    issuedAt: new Date((p.iat as number) * 1000),
    expiresAt: new Date((p.exp as number) * 1000),
  };
}
