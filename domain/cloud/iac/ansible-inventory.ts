import { type CloudKind } from '../cloud-kind';
import { type Resource, type ResourceState } from '../resource.entity';
import { setOwn } from '../../shared/own-property';
import { sortedMap } from './hcl';
import { IdentifierPool, compareStrings, sanitizeIdentifier } from './identifiers';

export interface AnsibleHostVars {
  /** Omitted when the machine has no public address; Ansible then connects to the host name. */
  readonly ansible_host?: string;
  readonly cockpit_id: string;
  readonly cockpit_external_id: string;
  readonly cockpit_provider: CloudKind;
  readonly region: string;
  readonly size: string | null;
  readonly state: ResourceState;
  readonly tags: { readonly [key: string]: string };
}

export interface AnsibleGroupJson {
  readonly hosts?: readonly string[];
  readonly children?: readonly string[];
}

export interface AnsibleMetaJson {
  readonly hostvars: { readonly [host: string]: AnsibleHostVars };
}

/** The shape `ansible-inventory --list` prints (and a dynamic inventory script returns). */
export interface AnsibleInventoryJson {
  readonly _meta: AnsibleMetaJson;
  readonly [group: string]: AnsibleGroupJson | AnsibleMetaJson;
}

export interface AnsibleInventory {
  readonly yaml: string;
  readonly json: AnsibleInventoryJson;
}

/** Only machines Ansible can log in to: terminated and pending ones have nothing to configure. */
const HOST_STATES: ReadonlySet<ResourceState> = new Set(['running', 'stopped']);
const KIND_GROUPS: readonly CloudKind[] = ['aws', 'azure', 'gcp', 'simulated'];
/** YAML 1.1 (which Ansible's parser speaks) reads these plain words as booleans or null. */
const YAML_RESERVED = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);

function envTag(tags: Readonly<Record<string, string>>): string | undefined {
  if (tags.env !== undefined) return tags.env;
  if (tags.environment !== undefined) return tags.environment;
  const key = Object.keys(tags)
    .sort(compareStrings)
    .find((k) => k.toLowerCase() === 'env' || k.toLowerCase() === 'environment');
  return key === undefined ? undefined : tags[key];
}

/**
 * An Ansible inventory of the running and stopped VMs, in groups per provider kind
 * (`aws`…), region (`region_us_east_1`) and `env` tag (`env_prod`). Group and host names are
 * sanitised to `[a-z0-9_]` so Ansible accepts them without warnings.
 */
export function exportAnsibleInventory(resources: readonly Resource[]): AnsibleInventory {
  const machines = resources
    .filter((r) => r.type === 'vm' && HOST_STATES.has(r.state))
    .sort(
      (a, b) =>
        compareStrings(a.providerKind, b.providerKind) ||
        compareStrings(a.name, b.name) ||
        compareStrings(a.externalId, b.externalId) ||
        compareStrings(a.id, b.id),
    );
  const hostNames = new IdentifierPool();
  // A host named like a group makes Ansible warn and resolve patterns ambiguously.
  for (const reserved of ['all', 'ungrouped', ...KIND_GROUPS]) hostNames.take(reserved);

  const hostvars: { [host: string]: AnsibleHostVars } = {};
  const groups = new Map<string, string[]>();
  const join = (group: string, host: string): void => {
    const hosts = groups.get(group) ?? [];
    hosts.push(host);
    groups.set(group, hosts);
  };
  for (const machine of machines) {
    const host = hostNames.take(sanitizeIdentifier(machine.name, 'host'));
    setOwn(hostvars, host, {
      ...(machine.config.publicIp ? { ansible_host: machine.config.publicIp } : {}),
      cockpit_id: machine.id,
      cockpit_external_id: machine.externalId,
      cockpit_provider: machine.providerKind,
      region: machine.region,
      size: machine.size,
      state: machine.state,
      tags: sortedMap(machine.tags),
    });
    join(machine.providerKind, host);
    join(`region_${sanitizeIdentifier(machine.region, 'unknown')}`, host);
    const env = envTag(machine.tags);
    if (env !== undefined) join(`env_${sanitizeIdentifier(env, 'unknown')}`, host);
  }

  const names = [...groups.keys()].sort(compareStrings);
  const json: { [key: string]: AnsibleGroupJson | AnsibleMetaJson } = {
    _meta: { hostvars },
    all: { children: ['ungrouped', ...names] },
  };
  for (const name of names) json[name] = { hosts: groups.get(name)! };
  return { yaml: renderYaml(names, groups, hostvars), json: json as unknown as AnsibleInventoryJson };
}

/**
 * Hand-written because the domain imports no YAML library. Every value is a double-quoted
 * scalar: JSON string syntax is valid YAML there, once the characters YAML forbids unescaped
 * (DEL, C1 controls, BOM, U+2028/2029, which YAML 1.1 even treats as line breaks) are escaped.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function yamlKey(key: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(key) && !YAML_RESERVED.has(key) ? key : yamlString(key);
}

function yamlScalar(value: string | null): string {
  return value === null ? 'null' : yamlString(value);
}

function renderYaml(
  names: readonly string[],
  groups: ReadonlyMap<string, readonly string[]>,
  hostvars: { readonly [host: string]: AnsibleHostVars },
): string {
  const lines = ['# Ansible inventory exported by Cockpit.'];
  if (names.length === 0) return `${lines[0]}\nall: {}\n`;
  lines.push('all:', '  children:');
  for (const name of names) {
    lines.push(`    ${yamlKey(name)}:`, '      hosts:');
    for (const host of groups.get(name)!) {
      const vars = hostvars[host];
      lines.push(`        ${yamlKey(host)}:`);
      // Variables live once, in the provider-kind group; other groups only list the host.
      if (name !== vars.cockpit_provider) continue;
      const pad = '          ';
      if (vars.ansible_host !== undefined) lines.push(`${pad}ansible_host: ${yamlString(vars.ansible_host)}`);
      lines.push(
        `${pad}cockpit_id: ${yamlString(vars.cockpit_id)}`,
        `${pad}cockpit_external_id: ${yamlString(vars.cockpit_external_id)}`,
        `${pad}cockpit_provider: ${yamlString(vars.cockpit_provider)}`,
        `${pad}region: ${yamlString(vars.region)}`,
        `${pad}size: ${yamlScalar(vars.size)}`,
        `${pad}state: ${yamlString(vars.state)}`,
      );
      const tags = Object.entries(vars.tags);
      if (tags.length === 0) lines.push(`${pad}tags: {}`);
      else lines.push(`${pad}tags:`, ...tags.map(([k, v]) => `${pad}  ${yamlString(k)}: ${yamlString(v)}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
