import nock from 'nock';
import { type ResourceRef } from '../../../domain/cloud/ports/cloud.port';
import { failure, unwrap } from '../../../test/support/results';
import { ALT, PROJECT_PATH, aConnection, compute, fixture, gcpAdapter } from './fixtures/gcp-test-kit';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// restore: every spec file gets its own nock, and one left active would intercept under the next
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

const vm = (externalId: string): ResourceRef => ({ externalId, region: 'us-central1', type: 'vm' });

describe('GcpCloudAdapter.create', () => {
  const spec = {
    name: 'api-2',
    region: 'europe-west1',
    type: 'vm' as const,
    size: 'n2-standard-4',
    image: 'projects/debian-cloud/global/images/family/debian-12',
    tags: { Env: 'Prod', 'Cost Center': 'R&D' },
  };

  it("inserts the VM in the region's -a zone with GCP-safe labels and returns it pending", async () => {
    let sent: unknown;
    const api = compute()
      .post(`${PROJECT_PATH}/zones/europe-west1-a/instances`, (body: unknown) => {
        sent = body;
        return true;
      })
      .query(ALT)
      .reply(200, fixture('operation-insert.json'));

    const created = unwrap(await gcpAdapter().create(aConnection(), spec));

    api.done();
    // toMatchObject: the SDK's serializer adds empty maps (disk labels, resourceManagerTags) of its own.
    expect(sent).toMatchObject({
      name: 'api-2',
      machineType: 'zones/europe-west1-a/machineTypes/n2-standard-4',
      disks: [
        {
          boot: true,
          autoDelete: true,
          initializeParams: { sourceImage: 'projects/debian-cloud/global/images/family/debian-12' },
        },
      ],
      networkInterfaces: [{ network: 'global/networks/default' }],
      labels: { env: 'prod', cost_center: 'r_d' },
    });
    expect(created).toEqual({
      externalId: 'projects/acme-prod/zones/europe-west1-a/instances/api-2',
      name: 'api-2',
      region: 'europe-west1',
      type: 'vm',
      size: 'n2-standard-4',
      state: 'pending',
      providerState: 'PROVISIONING',
      tags: { env: 'prod', cost_center: 'r_d' },
      costPerHour: null,
      config: {
        publicIp: null,
        terminationProtection: false,
        diskEncrypted: true,
        image: 'projects/debian-cloud/global/images/family/debian-12',
        cpus: 4,
        memoryGb: 16,
      },
      createdAt: new Date('2024-06-02T13:00:00.123Z'),
    });
  });

  it('keeps a zone given as the region', async () => {
    const api = compute()
      .post(`${PROJECT_PATH}/zones/us-east1-c/instances`)
      .query(ALT)
      .reply(200, fixture('operation-insert.json'));

    const created = unwrap(await gcpAdapter().create(aConnection(), { ...spec, region: 'us-east1-c' }));

    api.done();
    expect(created.externalId).toBe('projects/acme-prod/zones/us-east1-c/instances/api-2');
    expect(created.region).toBe('us-east1');
  });

  it('refuses a VM without an image before calling GCP', async () => {
    const result = await gcpAdapter().create(aConnection(), { ...spec, image: undefined });

    expect(result).toEqual(failure('validation'));
    expect(!result.ok && result.error.fields.map((f) => f.path)).toEqual(['image']);
  });

  it('refuses names, regions and machine types GCP cannot take, before calling GCP', async () => {
    const result = await gcpAdapter().create(aConnection(), {
      ...spec,
      name: 'Api_2',
      region: 'europe west',
      size: '../disks/x',
    });

    expect(!result.ok && result.error.fields.map((f) => f.path)).toEqual(['name', 'region', 'size']);
  });

  it('reports an operation that comes back failed (quota) as provider_rejected', async () => {
    compute()
      .post(`${PROJECT_PATH}/zones/europe-west1-a/instances`)
      .query(ALT)
      .reply(200, fixture('operation-insert-quota-exceeded.json'));

    const result = await gcpAdapter().create(aConnection(), spec);

    expect(result).toEqual(failure('conflict', 'provider_rejected'));
    expect(!result.ok && result.error.message).toContain("QUOTA_EXCEEDED: Quota 'N2_CPUS' exceeded.");
  });
});

describe('GcpCloudAdapter.act', () => {
  const instancePath = `${PROJECT_PATH}/zones/us-central1-a/instances`;

  it('starts a VM by POSTing to …/start and reports it heading to running', async () => {
    const api = compute()
      .post(`${instancePath}/batch-1/start`)
      .query(ALT)
      .reply(200, fixture('operation-start.json'));

    const outcome = unwrap(
      await gcpAdapter().act(
        aConnection(),
        vm('projects/acme-prod/zones/us-central1-a/instances/batch-1'),
        'start',
      ),
    );

    api.done();
    expect(outcome).toEqual({ state: 'running', providerState: 'STAGING' });
  });

  it('stops a VM by POSTing to …/stop, accepting a full selfLink as its id', async () => {
    const api = compute()
      .post(`${instancePath}/web-1/stop`)
      .query(ALT)
      .reply(200, fixture('operation-stop.json'));
    const selfLink = `https://www.googleapis.com/compute/v1/projects/acme-prod/zones/us-central1-a/instances/web-1`;

    const outcome = unwrap(await gcpAdapter().act(aConnection(), vm(selfLink), 'stop'));

    api.done();
    expect(outcome).toEqual({ state: 'stopped', providerState: 'STOPPING' });
  });

  it('terminates a VM with DELETE on the instance', async () => {
    const api = compute()
      .delete(`${instancePath}/batch-1`)
      .query(ALT)
      .reply(200, fixture('operation-delete.json'));

    const outcome = unwrap(
      await gcpAdapter().act(
        aConnection(),
        vm('projects/acme-prod/zones/us-central1-a/instances/batch-1'),
        'terminate',
      ),
    );

    api.done();
    expect(outcome).toEqual({ state: 'terminated', providerState: 'DELETING' });
  });

  it('reports the final word when the operation is already DONE', async () => {
    const done = { ...fixture<object>('operation-start.json'), status: 'DONE', progress: 100 };
    compute().post(`${instancePath}/batch-1/start`).query(ALT).reply(200, done);

    const outcome = unwrap(
      await gcpAdapter().act(
        aConnection(),
        vm('projects/acme-prod/zones/us-central1-a/instances/batch-1'),
        'start',
      ),
    );

    expect(outcome).toEqual({ state: 'running', providerState: 'RUNNING' });
  });

  it('maps a missing instance (404) to provider_not_found', async () => {
    compute().post(`${instancePath}/ghost/stop`).query(ALT).reply(404, fixture('error-not-found.json'));

    const result = await gcpAdapter().act(
      aConnection(),
      vm('projects/acme-prod/zones/us-central1-a/instances/ghost'),
      'stop',
    );

    expect(result).toEqual(failure('not_found', 'provider_not_found'));
    expect(!result.ok && result.error.message).toBe(
      "Google Cloud could not find it: The resource 'projects/acme-prod/zones/us-central1-a/instances/ghost' was not found",
    );
  });

  it('maps resourceNotReady (400) to a conflict the caller can retry', async () => {
    compute()
      .post(`${instancePath}/batch-1/start`)
      .query(ALT)
      .reply(400, fixture('error-resource-not-ready.json'));

    const result = await gcpAdapter().act(
      aConnection(),
      vm('projects/acme-prod/zones/us-central1-a/instances/batch-1'),
      'start',
    );

    expect(result).toEqual(failure('conflict', 'provider_rejected'));
  });

  it('refuses an instance of another project without calling GCP', async () => {
    const result = await gcpAdapter().act(
      aConnection(),
      vm('projects/someone-else/zones/us-central1-a/instances/web-1'),
      'terminate',
    );

    expect(result).toEqual(failure('not_found', 'provider_not_found'));
  });

  it('refuses an id that names no instance', async () => {
    const result = await gcpAdapter().act(aConnection(), vm('i-0abc123'), 'stop');

    expect(result).toEqual(failure('validation'));
  });
});
