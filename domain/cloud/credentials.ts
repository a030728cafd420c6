import { DomainError } from '../shared/domain-error';
import { type Result, err, ok } from '../shared/result';
import { type CloudKind } from './cloud-kind';

/**
 * The fields each kind needs. `endpoint` points an SDK at another base URL (a regional or
 * sovereign endpoint, or a local fake in tests); it is not a secret.
 */
const FIELDS: Readonly<Record<CloudKind, { required: readonly string[]; optional: readonly string[] }>> = {
  aws: { required: ['access_key_id', 'secret_access_key'], optional: ['session_token', 'endpoint'] },
  azure: {
    required: ['tenant_id', 'client_id', 'client_secret', 'subscription_id'],
    optional: ['endpoint', 'authority_host'],
  },
  // A service-account key (client_email + private_key) or a short-lived OAuth access token.
  gcp: { required: ['project_id'], optional: ['client_email', 'private_key', 'access_token', 'endpoint'] },
  simulated: { required: [], optional: ['seed', 'size'] },
};

/** Fields shown in full when masked: identifiers, not secrets. */
const PUBLIC_FIELDS = new Set([
  'tenant_id',
  'subscription_id',
  'project_id',
  'endpoint',
  'seed',
  'size',
  'client_email',
  'authority_host',
]);
/** Identifiers that are half-secret: the last four characters are shown. */
const HINT_FIELDS = new Set(['access_key_id', 'client_id']);

const secretValues = new WeakMap<Credentials, Readonly<Record<string, string>>>();

/**
 * Provider credentials. The values sit in a WeakMap, not on the object, so `JSON.stringify`,
 * `console.log`, `util.inspect`, spreading and template strings all see only the masked form;
 * the cloud adapters call `reveal()` at the moment they build an SDK client.
 */
export class Credentials {
  readonly kind: CloudKind;

  private constructor(kind: CloudKind, values: Readonly<Record<string, string>>) {
    this.kind = kind;
    secretValues.set(this, Object.freeze({ ...values }));
    Object.freeze(this);
  }

  static of(kind: CloudKind, input: unknown): Result<Credentials> {
    const spec = FIELDS[kind];
    if (input === undefined || input === null) input = {};
    if (typeof input !== 'object' || Array.isArray(input)) {
      return err(
        DomainError.validation('credentials must be an object', [
          { path: 'credentials', message: 'expected an object' },
        ]),
      );
    }
    const values: Record<string, string> = {};
    const fields: { path: string; message: string }[] = [];
    const allowed = new Set([...spec.required, ...spec.optional]);
    for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
      if (!allowed.has(key)) {
        fields.push({ path: `credentials.${key}`, message: `not a ${kind} credential field` });
      } else if (typeof value !== 'string' || value.length === 0 || value.length > 20_000) {
        fields.push({ path: `credentials.${key}`, message: 'expected a non-empty string' });
      } else {
        values[key] = value;
      }
    }
    for (const key of spec.required) {
      if (!(key in values) && !fields.some((f) => f.path === `credentials.${key}`)) {
        fields.push({ path: `credentials.${key}`, message: 'required' });
      }
    }
    if (kind === 'gcp' && !values.access_token && !(values.client_email && values.private_key)) {
      fields.push({ path: 'credentials', message: 'give client_email and private_key, or access_token' });
    }
    if (values.endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(values.endpoint)) {
      fields.push({ path: 'credentials.endpoint', message: 'expected an http(s) URL' });
    }
    if (fields.length > 0) return err(DomainError.validation(`invalid ${kind} credentials`, fields));
    return ok(new Credentials(kind, values));
  }

  /** Rebuilds stored credentials (already validated when they were connected). */
  static restore(kind: CloudKind, values: Readonly<Record<string, string>>): Credentials {
    return new Credentials(kind, values);
  }

  /** The plain values. Only cloud adapters and the encrypting repository call this. */
  reveal(): Readonly<Record<string, string>> {
    return secretValues.get(this) ?? {};
  }

  get(field: string): string | undefined {
    return this.reveal()[field];
  }

  /** Safe to show anywhere: identifiers in full, hints of key ids, secrets as `****`. */
  masked(): Readonly<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.reveal()).sort(([a], [b]) => a.localeCompare(b))) {
      if (PUBLIC_FIELDS.has(key)) out[key] = value;
      else if (HINT_FIELDS.has(key) && value.length >= 12) out[key] = `****${value.slice(-4)}`;
      else out[key] = '****';
    }
    return out;
  }

  toJSON(): Readonly<Record<string, string>> {
    return this.masked();
  }

  toString(): string {
    return `Credentials(${this.kind}, ${JSON.stringify(this.masked())})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
