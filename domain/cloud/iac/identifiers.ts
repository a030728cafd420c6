/**
 * Names that must be identifiers somewhere else: Terraform block labels, provider aliases,
 * Ansible host and group names. `[a-z0-9_]` and no leading digit is valid in all of them.
 * Runs of underscores collapse, so a sanitised name never holds `__`, which lets callers use
 * `__` as a separator that cannot collide with a label.
 */
export function sanitizeIdentifier(raw: string, fallback = 'resource'): string {
  let name = raw
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (name === '') name = fallback;
  if (/^[0-9]/.test(name)) name = `${fallback}_${name}`;
  // Long provider ids (ARM ids, self links) make unreadable labels; 64 is plenty to stay distinct.
  return name.length > 64 ? name.slice(0, 64).replace(/_$/, '') : name;
}

/** Hands out distinct names: the first `web` stays `web`, later ones become `web_2`, `web_3`… */
export class IdentifierPool {
  private readonly used = new Set<string>();
  // Where to resume counting per base, so N equal names cost O(N), not O(N²).
  private readonly next = new Map<string, number>();

  take(base: string): string {
    if (!this.used.has(base)) {
      this.used.add(base);
      return base;
    }
    let n = this.next.get(base) ?? 2;
    while (this.used.has(`${base}_${n}`)) n++;
    const name = `${base}_${n}`;
    this.next.set(base, n + 1);
    this.used.add(name);
    return name;
  }
}

/** Code-unit order, not locale order: the export must be byte-identical on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
