import { machineShape } from './gcp-machine-types';
import { instanceState, parseExternalId, regionToZone, toGcpLabels, zoneToRegion } from './gcp-mapping';

describe('GCP naming', () => {
  it('derives the region from a zone and the -a zone from a region', () => {
    expect(zoneToRegion('northamerica-northeast1-b')).toBe('northamerica-northeast1');
    expect(regionToZone('europe-west4')).toBe('europe-west4-a');
    expect(regionToZone('europe-west4-c')).toBe('europe-west4-c');
  });

  it('reads an instance id as a relative name or a selfLink, and nothing else', () => {
    expect(parseExternalId('projects/p-1/zones/us-east1-b/instances/vm-1')).toEqual({
      project: 'p-1',
      zone: 'us-east1-b',
      name: 'vm-1',
    });
    expect(
      parseExternalId('https://www.googleapis.com/compute/v1/projects/p-1/zones/us-east1-b/instances/vm-1'),
    ).toEqual({ project: 'p-1', zone: 'us-east1-b', name: 'vm-1' });
    expect(parseExternalId('projects/p-1/zones/us-east1-b/disks/vm-1')).toBeNull();
  });

  it('turns tags into valid GCP labels', () => {
    expect(
      toGcpLabels({ Env: 'Prod', 'Cost Center': 'R&D', '9lives': 'Yes', ['k'.repeat(70)]: 'v' }),
    ).toEqual({
      env: 'prod',
      cost_center: 'r_d',
      t_9lives: 'yes',
      ['k'.repeat(63)]: 'v',
    });
  });

  it('treats an unknown status as a transition rather than a final state', () => {
    expect(instanceState('SOMETHING_NEW')).toBe('pending');
  });
});

describe('machineShape', () => {
  it.each([
    ['n1-standard-4', { family: 'n1', vcpus: 4, memoryGb: 15, billedVcpus: 4, custom: false }],
    ['n1-highcpu-2', { family: 'n1', vcpus: 2, memoryGb: 1.8, billedVcpus: 2, custom: false }],
    ['n2-highmem-8', { family: 'n2', vcpus: 8, memoryGb: 64, billedVcpus: 8, custom: false }],
    ['e2-small', { family: 'e2', vcpus: 2, memoryGb: 2, billedVcpus: 0.5, custom: false }],
    [
      'zones/us-east1-b/machineTypes/e2-custom-4-6144',
      { family: 'e2', vcpus: 4, memoryGb: 6, billedVcpus: 4, custom: true },
    ],
    ['custom-2-4096', { family: 'n1', vcpus: 2, memoryGb: 4, billedVcpus: 2, custom: true }],
  ])('reads %s', (name, shape) => {
    expect(machineShape(name)).toEqual(shape);
  });

  it('knows nothing of series outside its table', () => {
    expect(machineShape('a2-highgpu-1g')).toBeNull();
    expect(machineShape('c3-standard-4')).toBeNull();
    expect(machineShape('f1-micro')).toBeNull();
  });
});
