import { type ImageReference, type VirtualMachine } from '@azure/arm-compute';
import { type CreateResourceSpec } from '../../../domain/cloud/ports/cloud.port';
import { type FieldError, DomainError } from '../../../domain/shared/domain-error';
import { type Result, err, ok } from '../../../domain/shared/result';

/**
 * Creating an Azure VM needs more than `CreateResourceSpec` carries: a resource group, a network
 * interface (creating one needs @azure/arm-network, which is not a dependency) and a way in. Until
 * the spec grows provider options, they travel as these reserved tags, which are taken out before
 * the remaining tags are written to the VM (an SSH key would not even fit Azure's 256-character
 * tag values). No password is ever generated: password login is disabled and the key is the only
 * way in.
 */
export const CONTROL_TAGS = {
  resourceGroup: 'resource_group',
  networkInterfaceId: 'network_interface_id',
  sshPublicKey: 'ssh_public_key',
} as const;

export const ADMIN_USERNAME = 'azureuser';

const URN = /^([^:\s]+):([^:\s]+):([^:\s]+):([^:\s]+)$/;
const NIC_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/networkInterfaces\/[^/]+$/i;
const IMAGE_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/(images|galleries)\/.+$/i;
const RESOURCE_GROUP = /^[-\w.()]{1,90}$/;
const SSH_KEY = /^(ssh-(rsa|ed25519)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/;

export interface VmCreation {
  readonly resourceGroup: string;
  readonly parameters: VirtualMachine;
}

export function buildVmCreation(spec: CreateResourceSpec): Result<VmCreation> {
  const fields: FieldError[] = [];
  const tag = (name: string) => spec.tags[name]?.trim() ?? '';
  const resourceGroup = tag(CONTROL_TAGS.resourceGroup);
  const nicId = tag(CONTROL_TAGS.networkInterfaceId);
  const sshKey = tag(CONTROL_TAGS.sshPublicKey);
  if (!RESOURCE_GROUP.test(resourceGroup)) {
    fields.push({
      path: `tags.${CONTROL_TAGS.resourceGroup}`,
      message: 'Azure VMs live in a resource group: give its name in this tag',
    });
  }
  if (!NIC_ID.test(nicId)) {
    fields.push({
      path: `tags.${CONTROL_TAGS.networkInterfaceId}`,
      message:
        'give the ARM id of an unattached network interface in the same region ' +
        '(/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/networkInterfaces/…); Cockpit does not create networks',
    });
  }
  if (!SSH_KEY.test(sshKey)) {
    fields.push({
      path: `tags.${CONTROL_TAGS.sshPublicKey}`,
      message: 'give an OpenSSH public key (ssh-ed25519 or ssh-rsa …): password login is disabled',
    });
  }
  const image = imageReference(spec.image);
  if (!image) {
    fields.push({
      path: 'image',
      message:
        'give a marketplace image URN publisher:offer:sku:version (e.g. Canonical:ubuntu-24_04-lts:server:latest) or an image id',
    });
  }
  if (fields.length > 0 || !image) return err(DomainError.validation('cannot create this Azure VM', fields));

  const reserved = new Set<string>(Object.values(CONTROL_TAGS));
  const tags = Object.fromEntries(Object.entries(spec.tags).filter(([key]) => !reserved.has(key)));
  return ok({
    resourceGroup,
    parameters: {
      location: spec.region,
      tags,
      hardwareProfile: { vmSize: spec.size },
      storageProfile: {
        imageReference: image,
        // Deleting the VM deletes its OS disk too, so terminate leaves nothing billing behind.
        osDisk: { createOption: 'FromImage', deleteOption: 'Delete' },
      },
      osProfile: {
        computerName: spec.name.slice(0, 64),
        adminUsername: ADMIN_USERNAME,
        linuxConfiguration: {
          disablePasswordAuthentication: true,
          ssh: { publicKeys: [{ path: `/home/${ADMIN_USERNAME}/.ssh/authorized_keys`, keyData: sshKey }] },
        },
      },
      networkProfile: { networkInterfaces: [{ id: nicId, primary: true }] },
    },
  });
}

function imageReference(image: string | undefined): ImageReference | null {
  const value = image?.trim() ?? '';
  const urn = URN.exec(value);
  if (urn) return { publisher: urn[1], offer: urn[2], sku: urn[3], version: urn[4] };
  if (IMAGE_ID.test(value)) return { id: value };
  return null;
}
