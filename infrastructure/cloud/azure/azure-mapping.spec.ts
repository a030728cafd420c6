import { type VirtualMachine } from '@azure/arm-compute';
import { parseVmId, powerState, toDiscoveredVm } from './azure-mapping';

describe('powerState', () => {
  it.each([
    [['ProvisioningState/succeeded', 'PowerState/running'], 'running', 'running'],
    [['ProvisioningState/succeeded', 'PowerState/starting'], 'running', 'starting'],
    [['ProvisioningState/updating', 'PowerState/running'], 'running', 'running'],
    [['ProvisioningState/succeeded', 'PowerState/stopping'], 'stopped', 'stopping'],
    [['ProvisioningState/succeeded', 'PowerState/stopped'], 'stopped', 'stopped'],
    [['ProvisioningState/succeeded', 'PowerState/deallocating'], 'stopped', 'deallocating'],
    [['ProvisioningState/succeeded', 'PowerState/deallocated'], 'stopped', 'deallocated'],
    [['ProvisioningState/failed/AllocationFailed', 'PowerState/deallocated'], 'stopped', 'deallocated'],
    [['ProvisioningState/creating'], 'pending', 'creating'],
    [['ProvisioningState/creating', 'PowerState/starting'], 'pending', 'creating'],
    [['ProvisioningState/deleting', 'PowerState/running'], 'terminated', 'deleting'],
    [['ProvisioningState/succeeded'], 'pending', 'succeeded'],
    [['PowerState/unknown'], 'pending', 'unknown'],
    [[], 'pending', 'unknown'],
  ])('maps %j to %s (%s)', (codes, state, providerState) => {
    expect(powerState(codes)).toEqual({ state, providerState });
  });
});

describe('disk encryption fact', () => {
  const running = { state: 'running', providerState: 'running' } as const;
  const unmanagedOs = {
    createOption: 'FromImage',
    vhd: { uri: 'https://s.blob.core.windows.net/vhds/os.vhd' },
  };
  const vm = (extra: Partial<VirtualMachine>): VirtualMachine => ({
    id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm',
    name: 'vm',
    location: 'westeurope',
    ...extra,
  });
  const fact = (extra: Partial<VirtualMachine>) => toDiscoveredVm(vm(extra), running).config.diskEncrypted;

  it('holds for managed disks, which Azure always encrypts at rest', () => {
    expect(fact({ storageProfile: { osDisk: { createOption: 'FromImage', managedDisk: {} } } })).toBe(true);
  });

  it('holds for an unmanaged disk under Azure Disk Encryption or encryption at host', () => {
    expect(
      fact({ storageProfile: { osDisk: { ...unmanagedOs, encryptionSettings: { enabled: true } } } }),
    ).toBe(true);
    expect(
      fact({ storageProfile: { osDisk: unmanagedOs }, securityProfile: { encryptionAtHost: true } }),
    ).toBe(true);
  });

  it('stays unknown when any disk is an unmanaged VHD, or when no disks were returned', () => {
    expect(
      fact({
        storageProfile: {
          osDisk: { createOption: 'FromImage', managedDisk: {} },
          dataDisks: [
            { lun: 0, createOption: 'Attach', vhd: { uri: 'https://s.blob.core.windows.net/vhds/d.vhd' } },
          ],
        },
      }),
    ).toBeUndefined();
    expect(fact({})).toBeUndefined();
  });
});

describe('parseVmId', () => {
  it('reads an ARM VM id in any casing', () => {
    expect(
      parseVmId('/subscriptions/S1/resourcegroups/RG-1/providers/microsoft.compute/virtualMachines/vm.a'),
    ).toEqual({
      subscriptionId: 'S1',
      resourceGroup: 'RG-1',
      name: 'vm.a',
    });
  });

  it('rejects ids of other resource types and ids with extra segments', () => {
    expect(parseVmId('/subscriptions/S1/resourceGroups/rg/providers/Microsoft.Compute/disks/d1')).toBeNull();
    expect(
      parseVmId(
        '/subscriptions/S1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/extensions/x',
      ),
    ).toBeNull();
  });
});
