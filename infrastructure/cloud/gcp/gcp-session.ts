import { type InstancesClient } from '@google-cloud/compute';
import { type AuthClient, JWT, OAuth2Client } from 'google-auth-library';
import { type Credentials } from '../../../domain/cloud/credentials';
import { DomainError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';

/** The constructor options every generated Google client (Compute, Billing) accepts. */
export type GcpClientOptions = NonNullable<ConstructorParameters<typeof InstancesClient>[0]>;

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';

/** One adapter call's view of a connection: the project, one shared auth client, the secrets to scrub. */
export interface GcpSession {
  readonly project: string;
  readonly secrets: readonly string[];
  /** Fresh options per client: the generated constructors mutate what they are given. */
  clientOptions(): GcpClientOptions;
}

/**
 * Builds the auth client once per call so every SDK client of that call shares one token.
 * A service-account key wins over an access token when both are stored: it can mint new tokens,
 * a pasted token expires within the hour. The key gets the cloud-platform scope explicitly, which
 * makes google-auth-library exchange a signed JWT for an OAuth token at oauth2.googleapis.com
 * (without user scopes it would self-sign per-service JWTs that no private endpoint accepts).
 */
export function openSession(
  credentials: Credentials,
  fetchImplementation?: typeof fetch,
): Result<GcpSession> {
  if (credentials.kind !== 'gcp') {
    return err(DomainError.validation(`expected gcp credentials, got ${credentials.kind}`));
  }
  const values = credentials.reveal();
  const project = values.project_id;
  if (!project) {
    return err(
      DomainError.validation('invalid gcp credentials', [
        { path: 'credentials.project_id', message: 'required' },
      ]),
    );
  }
  const transporterOptions = fetchImplementation ? { fetchImplementation } : undefined;
  let authClient: AuthClient;
  if (values.client_email && values.private_key) {
    // Keys pasted through a form or an env var often carry literal `\n` instead of newlines.
    const key = values.private_key.includes('\\n')
      ? values.private_key.replace(/\\n/g, '\n')
      : values.private_key;
    authClient = new JWT({ email: values.client_email, key, scopes: [CLOUD_PLATFORM], transporterOptions });
  } else if (values.access_token) {
    const oauth = new OAuth2Client({ transporterOptions });
    oauth.setCredentials({ access_token: values.access_token });
    authClient = oauth;
  } else {
    return err(
      DomainError.validation('invalid gcp credentials', [
        { path: 'credentials', message: 'give client_email and private_key, or access_token' },
      ]),
    );
  }
  const endpoint = values.endpoint ? parseEndpoint(values.endpoint) : null;
  if (values.endpoint && !endpoint) {
    return err(
      DomainError.validation('invalid gcp credentials', [
        { path: 'credentials.endpoint', message: 'expected an http(s) URL' },
      ]),
    );
  }
  const secrets = [values.private_key, values.access_token].filter((s): s is string => !!s);
  return ok({
    project,
    secrets,
    clientOptions: () => ({
      // REST (HTTP/1.1 + JSON): the transport Compute is served on, and the one a local fake can speak.
      fallback: true,
      authClient,
      ...(endpoint ?? {}),
    }),
  });
}

/**
 * `endpoint` replaces the host of every Google API this adapter calls (Compute and Cloud Billing
 * alike): a proxy or local fake must serve both `/compute/v1/...` and `/v1/services/...`.
 * Any path on the URL is ignored, since the generated clients build absolute paths.
 */
function parseEndpoint(raw: string): { apiEndpoint: string; port: number; protocol: string } | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const protocol = url.protocol.slice(0, -1);
  const port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
  return { apiEndpoint: url.hostname, port, protocol };
}
