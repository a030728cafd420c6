import { TenancyWorld } from '../../test/support/tenancy-world';
import { ApiKeyView, toApiKeyView } from './api-key.view';

describe('toApiKeyView', () => {
  it('shows neither the key nor its digest', async () => {
    const w = new TenancyWorld();
    const { key, secret } = await w.givenApiKey(await w.givenProject(await w.givenTenant()));

    const view = toApiKeyView(key);

    expect(ApiKeyView.parse(view)).toEqual(view);
    expect(Object.keys(view)).not.toContain('secret_hash');
    expect(JSON.stringify(view)).not.toContain(key.secretHash);
    expect(JSON.stringify(view)).not.toContain(secret.slice(-32));
    expect(view).toMatchObject({ prefix: key.prefix, last_used_at: null, revoked_at: null });
  });
});
