import { type Resource } from '../resource.entity';

/** Keys that carry the environment; providers and teams spell them differently. */
export const ENVIRONMENT_TAG_KEYS: readonly string[] = ['env', 'environment'];
const PRODUCTION_VALUES: ReadonlySet<string> = new Set(['prod', 'production']);

/** Tag values whose key matches case-insensitively, in key order so the result is stable. */
export function tagValues(tags: Readonly<Record<string, string>>, key: string): string[] {
  const wanted = key.toLowerCase();
  return Object.keys(tags)
    .filter((k) => k.trim().toLowerCase() === wanted)
    .sort()
    .map((k) => tags[k]);
}

/** True when any environment tag says prod or production (any case, surrounding blanks ignored). */
export function isProduction(resource: Resource): boolean {
  return ENVIRONMENT_TAG_KEYS.some((key) =>
    tagValues(resource.tags, key).some((value) => PRODUCTION_VALUES.has(value.trim().toLowerCase())),
  );
}

/** A tag counts as present only with a non-blank value: `owner: ""` names nobody. */
export function hasTag(resource: Resource, key: string): boolean {
  return tagValues(resource.tags, key).some((value) => value.trim() !== '');
}

export function isLive(resource: Resource): boolean {
  return resource.state !== 'terminated';
}
