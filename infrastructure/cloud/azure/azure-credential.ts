import { type ComputeManagementClient } from '@azure/arm-compute';
import { type CloudConnection } from '../../../domain/cloud/ports/cloud.port';
import { DomainError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';

// The SDK's own credential type, taken from its constructor so that no transitive package
// (@azure/core-auth) has to be imported by name.
type TokenCredential = ConstructorParameters<typeof ComputeManagementClient>[0];
type AccessToken = NonNullable<Awaited<ReturnType<TokenCredential['getToken']>>>;

const PUBLIC_ARM = 'https://management.azure.com';
const PUBLIC_AUTHORITY = 'https://login.microsoftonline.com';
/** Sovereign clouds issue tokens for their own ARM audience; any other endpoint is a proxy or a fake of public ARM. */
const SOVEREIGN_ARM_HOSTS = new Set(['management.chinacloudapi.cn', 'management.usgovcloudapi.net']);
/**
 * A token is dropped this long before Entra ID says it expires (at most half its life), so no
 * request leaves with a dying token.
 */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export interface AzureSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly subscriptionId: string;
  /** ARM base URL without a trailing slash. */
  readonly armEndpoint: string;
  readonly authorityHost: string;
  readonly scope: string;
}

/** Reads and checks the connection's credentials before any of them is sent anywhere. */
export function readAzureSettings(connection: CloudConnection): Result<AzureSettings> {
  const get = (field: string) => connection.credentials.get(field);
  const fields: { path: string; message: string }[] = [];
  for (const field of ['tenant_id', 'client_id', 'client_secret', 'subscription_id']) {
    if (!get(field)) fields.push({ path: `credentials.${field}`, message: 'required' });
  }
  const tenantId = get('tenant_id') ?? '';
  // The tenant becomes a path segment of the token URL.
  if (tenantId && !/^[A-Za-z0-9.-]+$/.test(tenantId)) {
    fields.push({ path: 'credentials.tenant_id', message: 'expected a tenant id or domain' });
  }
  const subscriptionId = get('subscription_id') ?? '';
  if (subscriptionId && !/^[0-9A-Fa-f-]{36}$/.test(subscriptionId)) {
    fields.push({ path: 'credentials.subscription_id', message: 'expected a subscription GUID' });
  }
  // The SDK refuses bearer tokens over http, and the client secret must not travel in clear either.
  const armEndpoint = httpsBase(get('endpoint') ?? PUBLIC_ARM);
  if (!armEndpoint) fields.push({ path: 'credentials.endpoint', message: 'expected an https URL' });
  const authorityHost = httpsBase(get('authority_host') ?? PUBLIC_AUTHORITY);
  if (!authorityHost) fields.push({ path: 'credentials.authority_host', message: 'expected an https URL' });
  if (fields.length > 0 || !armEndpoint || !authorityHost) {
    return err(DomainError.validation('invalid azure credentials', fields));
  }
  const armHost = new URL(armEndpoint).host;
  return ok({
    tenantId,
    clientId: get('client_id') ?? '',
    clientSecret: get('client_secret') ?? '',
    subscriptionId,
    armEndpoint,
    authorityHost,
    scope: SOVEREIGN_ARM_HOSTS.has(armHost) ? `https://${armHost}/.default` : `${PUBLIC_ARM}/.default`,
  });
}

function httpsBase(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? `${url.origin}${url.pathname.replace(/\/+$/, '')}` : null;
  } catch {
    return null;
  }
}

/** Why the token endpoint gave no token: the credentials were refused, or it could not answer. */
export class AzureTokenError extends Error {
  override readonly name = 'AzureTokenError';
  constructor(
    readonly kind: 'rejected' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

interface CachedToken {
  readonly token: AccessToken;
  readonly useUntil: number;
}

/**
 * OAuth2 client-credentials grant against Entra ID, in place of @azure/identity (not a dependency).
 * Tokens are cached per scope until shortly before they expire, and concurrent callers share one
 * request, so one sync makes one token request however many ARM calls it issues.
 */
export class AzureClientSecretCredential implements TokenCredential {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<AccessToken>>();

  constructor(
    private readonly settings: Pick<
      AzureSettings,
      'tenantId' | 'clientId' | 'clientSecret' | 'authorityHost'
    >,
    private readonly clock: () => number = Date.now,
    private readonly timeoutMs = 30_000,
  ) {}

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    const scope = [scopes].flat().join(' ');
    const cached = this.cache.get(scope);
    if (cached && cached.useUntil > this.clock()) return cached.token;
    let pending = this.inFlight.get(scope);
    if (!pending) {
      // Shared by concurrent callers, so no one caller's abort signal may cancel it; it has its own timeout.
      pending = this.request(scope).finally(() => this.inFlight.delete(scope));
      this.inFlight.set(scope, pending);
    }
    return pending;
  }

  private async request(scope: string): Promise<AccessToken> {
    const { tenantId, clientId, clientSecret, authorityHost } = this.settings;
    let response: Response;
    try {
      response = await fetch(`${authorityHost}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
          scope,
        }),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'request failed';
      throw new AzureTokenError(
        'unavailable',
        `the Entra ID token endpoint could not be reached (${reason})`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status === 429 || response.status >= 500) {
      throw new AzureTokenError('unavailable', `the Entra ID token endpoint answered ${response.status}`);
    }
    const accessToken = body.access_token;
    const expiresIn = Number(body.expires_in);
    if (!response.ok || typeof accessToken !== 'string' || !Number.isFinite(expiresIn)) {
      throw new AzureTokenError('rejected', describeTokenError(response.status, body));
    }
    const now = this.clock();
    const token: AccessToken = {
      token: accessToken,
      expiresOnTimestamp: now + expiresIn * 1000,
      tokenType: 'Bearer',
    };
    const margin = Math.min(EXPIRY_MARGIN_MS, (expiresIn * 1000) / 2);
    this.cache.set(scope, { token, useUntil: token.expiresOnTimestamp - margin });
    return token;
  }
}

/** Entra ID's first line (`AADSTS7000215: Invalid client secret provided.`), without its trace ids. */
function describeTokenError(status: number, body: Record<string, unknown>): string {
  const description = typeof body.error_description === 'string' ? body.error_description : '';
  const firstLine = description.split(/\r?\n| Trace ID:/)[0]?.trim();
  if (firstLine) return firstLine;
  return typeof body.error === 'string' ? body.error : `token endpoint answered ${status}`;
}
