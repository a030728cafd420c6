import { setOwn } from '../../shared/own-property';
import { compareStrings } from './identifiers';

/**
 * A small model of a Terraform configuration that renders to both native HCL and Terraform's
 * JSON syntax, so the two exports cannot drift apart.
 */

/** An expression evaluated by Terraform (`var.x`): bare in HCL, `"${…}"` in JSON. */
export class HclExpr {
  constructor(readonly text: string) {}
}

/**
 * A reference or keyword that Terraform reads statically (`provider = aws.west`, an import's
 * `to`, a variable's `type`): bare in HCL, a plain string without `${}` in JSON.
 */
export class HclRef {
  constructor(readonly text: string) {}
}

export type HclValue =
  | string
  | number
  | boolean
  | null
  | HclExpr
  | HclRef
  | readonly HclValue[]
  | { readonly [key: string]: HclValue };

export type HclItem =
  | { readonly kind: 'attr'; readonly name: string; readonly value: HclValue }
  | { readonly kind: 'block'; readonly block: HclBlock };

export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: readonly HclItem[];
}

export const attr = (name: string, value: HclValue): HclItem => ({ kind: 'attr', name, value });
export const nested = (type: string, body: readonly HclItem[]): HclItem => ({
  kind: 'block',
  block: { type, labels: [], body },
});
export const block = (type: string, labels: readonly string[], body: readonly HclItem[]): HclBlock => ({
  type,
  labels,
  body,
});

/**
 * Terraform reads every quoted string as a template: `${` starts an interpolation and `%{` a
 * directive. Doubling the sigil is the escape in both syntaxes; a `$` or `%` not followed by `{`
 * needs none.
 */
export function escapeTemplate(text: string): string {
  return text.replace(/([$%])\{/g, '$1$1{');
}

/** Lone surrogates cannot be written as UTF-8; they become U+FFFD instead of corrupting the file. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A native HCL quoted string literal whose value is exactly `text` (no interpolation). */
export function hclString(text: string): string {
  const escaped = escapeTemplate(wellFormed(text)).replace(
    // Other control characters (and DEL, and the Unicode line separators) as \uNNNN so the
    // literal stays on one line whatever the editor.
    // eslint-disable-next-line no-control-regex -- control characters are what this escapes
    /[\\"\n\r\t]|[\u0000-\u001f\u007f\u2028\u2029]/g,
    (ch) => SIMPLE_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}

const INDENT = '  ';

function isScalar(value: HclValue): boolean {
  return value === null || typeof value !== 'object' || value instanceof HclExpr || value instanceof HclRef;
}

function renderScalar(value: HclValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (value instanceof HclExpr || value instanceof HclRef) return value.text;
  throw new Error('not a scalar');
}

/** Renders `value` whose first line follows `name =`; continuation lines get `depth` indents. */
function renderValue(value: HclValue, depth: number): string {
  if (isScalar(value)) return renderScalar(value);
  const pad = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    const items = value as readonly HclValue[];
    if (items.every(isScalar)) return `[${items.map(renderScalar).join(', ')}]`;
    const lines = items.map((item) => `${pad}${INDENT}${renderValue(item, depth + 1)},`);
    return `[\n${lines.join('\n')}\n${pad}]`;
  }
  const entries = Object.entries(value as { readonly [key: string]: HclValue });
  if (entries.length === 0) return '{}';
  const keys = entries.map(([key]) => hclString(key));
  return `{\n${alignedLines(
    keys,
    entries.map(([, v]) => v),
    depth + 1,
  ).join('\n')}\n${pad}}`;
}

/**
 * `name = value` lines with the `=` aligned across each run of single-line values, as
 * `terraform fmt` does, so the export is already formatted.
 */
function alignedLines(names: readonly string[], values: readonly HclValue[], depth: number): string[] {
  const pad = INDENT.repeat(depth);
  const rendered = values.map((value) => renderValue(value, depth));
  const out: string[] = [];
  let start = 0;
  while (start < names.length) {
    if (rendered[start].includes('\n')) {
      // fmt leaves a multi-line value unaligned, and it ends the run above it.
      out.push(`${pad}${names[start]} = ${rendered[start]}`);
      start++;
      continue;
    }
    let end = start;
    while (end < names.length && !rendered[end].includes('\n')) end++;
    const width = Math.max(...names.slice(start, end).map((n) => n.length));
    for (let i = start; i < end; i++) out.push(`${pad}${names[i].padEnd(width)} = ${rendered[i]}`);
    start = end;
  }
  return out;
}

function renderBody(body: readonly HclItem[], depth: number): string[] {
  const lines: string[] = [];
  let attrs: { name: string; value: HclValue }[] = [];
  const flush = (): void => {
    if (attrs.length === 0) return;
    lines.push(
      ...alignedLines(
        attrs.map((a) => a.name),
        attrs.map((a) => a.value),
        depth,
      ),
    );
    attrs = [];
  };
  for (const item of body) {
    if (item.kind === 'attr') {
      attrs.push(item);
      continue;
    }
    flush();
    if (lines.length > 0) lines.push('');
    lines.push(...renderBlock(item.block, depth));
  }
  flush();
  return lines;
}

function renderBlock(b: HclBlock, depth: number): string[] {
  const pad = INDENT.repeat(depth);
  const head = [b.type, ...b.labels.map(hclString)].join(' ');
  if (b.body.length === 0) return [`${pad}${head} {}`];
  return [`${pad}${head} {`, ...renderBody(b.body, depth + 1), `${pad}}`];
}

/** Native syntax: blocks separated by blank lines, ending with a newline. */
export function renderHcl(blocks: readonly HclBlock[], header: readonly string[] = []): string {
  const parts = blocks.map((b) => renderBlock(b, 0).join('\n'));
  const comment = header.map((line) => `# ${line}`.trimEnd()).join('\n');
  return `${comment ? `${comment}\n\n` : ''}${parts.join('\n\n')}\n`;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function jsonValue(value: HclValue): Json {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return escapeTemplate(wellFormed(value));
  if (value instanceof HclExpr) return `\${${value.text}}`;
  if (value instanceof HclRef) return value.text;
  if (Array.isArray(value)) return (value as readonly HclValue[]).map(jsonValue);
  const out: { [key: string]: Json } = {};
  // In JSON syntax object keys are templates too.
  for (const [key, v] of Object.entries(value)) setOwn(out, escapeTemplate(wellFormed(key)), jsonValue(v));
  return out;
}

/**
 * Places each block body under its type and labels. A path that holds several blocks (two
 * `provider "aws"` configurations, several `import` blocks) becomes an array, which is how the
 * JSON syntax spells repeated blocks.
 */
function placeBlocks(target: { [key: string]: Json }, blocks: readonly HclBlock[]): void {
  const bodies = new Map<string, { path: readonly string[]; bodies: Json[] }>();
  for (const b of blocks) {
    const path = [b.type, ...b.labels];
    const key = JSON.stringify(path);
    const entry = bodies.get(key) ?? { path, bodies: [] };
    entry.bodies.push(jsonBody(b.body));
    bodies.set(key, entry);
  }
  for (const { path, bodies: list } of bodies.values()) {
    let node = target;
    for (const segment of path.slice(0, -1)) {
      node[segment] ??= {};
      node = node[segment] as { [key: string]: Json };
    }
    node[path[path.length - 1]] = list.length === 1 ? list[0] : list;
  }
}

function jsonBody(body: readonly HclItem[]): Json {
  const out: { [key: string]: Json } = {};
  for (const item of body) if (item.kind === 'attr') out[item.name] = jsonValue(item.value);
  placeBlocks(
    out,
    body.flatMap((item) => (item.kind === 'block' ? [item.block] : [])),
  );
  return out;
}

/** Terraform JSON configuration syntax (`*.tf.json`), two-space indented. */
export function renderTerraformJson(blocks: readonly HclBlock[]): string {
  const root: { [key: string]: Json } = {};
  placeBlocks(root, blocks);
  return `${JSON.stringify(root, null, 2)}\n`;
}

/** Sorted copy of a string map, so output does not depend on insertion order. */
export function sortedMap(map: Readonly<Record<string, string>>): { readonly [key: string]: string } {
  const out: Record<string, string> = {};
  for (const key of Object.keys(map).sort(compareStrings)) setOwn(out, key, map[key]);
  return out;
}
