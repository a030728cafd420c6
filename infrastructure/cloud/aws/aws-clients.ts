import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { EC2Client } from '@aws-sdk/client-ec2';
import { type CloudConnection } from '../../../domain/cloud/ports/cloud.port';
import { DomainError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';

export interface AwsSettings {
  readonly credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  /** A regional, sovereign or compatible endpoint (or a local fake); unset means AWS's own per region. */
  readonly endpoint?: string;
}

/** Builds the SDK clients for one connection. Tests patch the SDK clients' `send`, not this factory. */
export interface AwsClientFactory {
  ec2(settings: AwsSettings, region: string): EC2Client;
  costExplorer(settings: AwsSettings): CostExplorerClient;
}

export interface SdkAwsClientOptions {
  /** Attempts per request, first included; the SDK backs off on throttling, 5xx and network errors. */
  readonly maxAttempts?: number;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

/** Cost Explorer has a single endpoint, in us-east-1, whatever region the spend is in. */
export const COST_EXPLORER_REGION = 'us-east-1';

export class SdkAwsClientFactory implements AwsClientFactory {
  private readonly maxAttempts: number;
  private readonly requestHandler: { connectionTimeout: number; requestTimeout: number };

  constructor(options: SdkAwsClientOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 3;
    // Without timeouts a silent endpoint would hold a sync forever.
    this.requestHandler = {
      connectionTimeout: options.connectionTimeoutMs ?? 5_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
    };
  }

  ec2(settings: AwsSettings, region: string): EC2Client {
    return new EC2Client({ ...this.common(settings), region });
  }

  costExplorer(settings: AwsSettings): CostExplorerClient {
    return new CostExplorerClient({ ...this.common(settings), region: COST_EXPLORER_REGION });
  }

  private common(settings: AwsSettings) {
    return {
      credentials: { ...settings.credentials },
      maxAttempts: this.maxAttempts,
      requestHandler: this.requestHandler,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    };
  }
}

/** The connection's credentials as the SDK wants them. */
export function readAwsSettings(connection: CloudConnection): Result<AwsSettings> {
  const get = (field: string) => connection.credentials.get(field);
  const accessKeyId = get('access_key_id');
  const secretAccessKey = get('secret_access_key');
  if (!accessKeyId || !secretAccessKey) {
    return err(
      DomainError.validation('AWS credentials need access_key_id and secret_access_key', [
        { path: 'credentials', message: 'access_key_id and secret_access_key are required' },
      ]),
    );
  }
  const sessionToken = get('session_token');
  const endpoint = get('endpoint');
  return ok({
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    ...(endpoint ? { endpoint } : {}),
  });
}

/** Values no error message may carry. The key id is included: it is half of the credential pair. */
export function secretsOf(settings: AwsSettings): string[] {
  const { accessKeyId, secretAccessKey, sessionToken } = settings.credentials;
  return [secretAccessKey, sessionToken ?? '', accessKeyId];
}

/**
 * The clients of one port call, one EC2 client per region, all destroyed at the end so their
 * sockets do not outlive the call.
 */
export class AwsSession {
  private readonly ec2Clients = new Map<string, EC2Client>();
  private ce: CostExplorerClient | null = null;

  constructor(
    private readonly factory: AwsClientFactory,
    readonly settings: AwsSettings,
  ) {}

  ec2(region: string): EC2Client {
    let client = this.ec2Clients.get(region);
    if (!client) {
      client = this.factory.ec2(this.settings, region);
      this.ec2Clients.set(region, client);
    }
    return client;
  }

  costExplorer(): CostExplorerClient {
    this.ce ??= this.factory.costExplorer(this.settings);
    return this.ce;
  }

  close(): void {
    for (const client of this.ec2Clients.values()) client.destroy();
    this.ce?.destroy();
    this.ec2Clients.clear();
    this.ce = null;
  }
}
