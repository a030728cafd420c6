import { inspect } from 'node:util';
import { Credentials } from '../../domain/cloud/credentials';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const aws = () => {
  const made = Credentials.of('aws', { access_key_id: 'AKIAIOSFODNN7EXAMPLE', secret_access_key: SECRET });
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
};

describe('Credentials', () => {
  it('never prints its secrets: JSON, inspect, template strings, spreading and keys all see the masked form', () => {
    const credentials = aws();
    const renderings = [
      JSON.stringify(credentials),
      JSON.stringify({ nested: { credentials } }),
      inspect(credentials, { depth: 5, showHidden: true }),
      `${String(credentials)}`,
      JSON.stringify({ ...credentials }),
      Object.keys(credentials).join(),
    ];
    for (const text of renderings) expect(text).not.toContain(SECRET);
    expect(credentials.masked()).toEqual({ access_key_id: '****MPLE', secret_access_key: '****' });
  });

  it('hands the plain values to adapters that ask for them', () => {
    expect(aws().get('secret_access_key')).toBe(SECRET);
    expect(aws().reveal()).toEqual({ access_key_id: 'AKIAIOSFODNN7EXAMPLE', secret_access_key: SECRET });
  });

  it('names every missing, unknown or malformed field', () => {
    const bad = Credentials.of('azure', { tenant_id: 't', client_id: 7, region: 'x' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.fields.map((f) => f.path).sort()).toEqual([
      'credentials.client_id',
      'credentials.client_secret',
      'credentials.region',
      'credentials.subscription_id',
    ]);
    expect(bad.error.message).not.toContain('7');
  });

  it('accepts a GCP service-account key or an access token, but not neither', () => {
    expect(Credentials.of('gcp', { project_id: 'p', access_token: 'ya29.x' }).ok).toBe(true);
    expect(Credentials.of('gcp', { project_id: 'p', client_email: 'a@p.iam', private_key: 'k' }).ok).toBe(
      true,
    );
    expect(Credentials.of('gcp', { project_id: 'p', client_email: 'a@p.iam' }).ok).toBe(false);
  });

  it('rejects an endpoint that is not an http(s) URL', () => {
    const bad = Credentials.of('simulated', { endpoint: 'file:///etc/passwd' });
    expect(bad.ok).toBe(false);
  });
});
