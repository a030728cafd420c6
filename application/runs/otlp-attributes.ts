import { type StepKind } from '../../domain/runs/step-kind';
import { setOwn } from '../../domain/shared/own-property';
import { type Attributes, type AttrValue, type OtlpSpanEvent } from '../../domain/runs/otlp-span';

/**
 * Reading span attributes for the OTLP mapping: every attribute a convention maps into a step field is
 * marked used, and whatever is left over goes to the step's metadata, so nothing is silently lost.
 */
export class AttributeBag {
  private readonly used = new Set<string>();

  constructor(private readonly attributes: Attributes) {}

  has(key: string): boolean {
    return Object.hasOwn(this.attributes, key) && this.attributes[key] !== null;
  }

  /** The value without marking it used: for attributes that also inform (e.g. the span kind ones). */
  peek(key: string): AttrValue | undefined {
    return this.has(key) ? this.attributes[key] : undefined;
  }

  /** A string attribute without marking it used; other types read as undefined. */
  peekString(key: string): string | undefined {
    const value = this.peek(key);
    return typeof value === 'string' ? value : undefined;
  }

  take(key: string): AttrValue | undefined {
    const value = this.peek(key);
    if (value !== undefined) this.used.add(key);
    return value;
  }

  /** A non-empty string attribute, marked used; other types are left for metadata. */
  string(key: string): string | undefined {
    const value = this.peek(key);
    if (typeof value !== 'string' || value === '') return undefined;
    this.used.add(key);
    return value;
  }

  /** A token count: a non-negative integer (int64 beyond 2^53 arrives as a decimal string). */
  count(key: string): number | undefined {
    const value = this.peek(key);
    const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return undefined;
    this.used.add(key);
    return count;
  }

  /** A finite number (e.g. a cost), marked used. */
  number(key: string): number | undefined {
    const value = this.peek(key);
    if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
    this.used.add(key);
    return value;
  }

  /** Every attribute under `prefix` (keys without it), all marked used. */
  takePrefix(prefix: string, except: readonly string[] = []): Attributes {
    const found: Attributes = {};
    for (const key of Object.keys(this.attributes)) {
      if (!key.startsWith(prefix) || except.includes(key) || this.attributes[key] === null) continue;
      setOwn(found, key.slice(prefix.length), this.attributes[key]);
      this.used.add(key);
    }
    return found;
  }

  hasPrefix(prefix: string): boolean {
    return Object.keys(this.attributes).some((key) => key.startsWith(prefix));
  }

  /** Marks attributes used without reading them: values the mapping deliberately drops. */
  discard(...keys: string[]): void {
    for (const key of keys) this.used.add(key);
  }

  leftovers(): Attributes {
    const rest: Attributes = {};
    for (const key of Object.keys(this.attributes))
      if (!this.used.has(key)) setOwn(rest, key, this.attributes[key]);
    return rest;
  }
}

/** What the conventions read from one span; the first convention to set a field wins. */
export interface StepDraft {
  kind?: StepKind;
  model?: string;
  model_params?: Record<string, unknown>;
  tool?: string;
  input?: unknown;
  output?: unknown;
  usage?: { input_tokens: number; output_tokens: number };
  cost_usd?: number;
}

/** One span as the conventions see it: its attributes and the events no convention has used yet. */
export interface SpanReading {
  readonly attributes: AttributeBag;
  readonly events: OtlpSpanEvent[];
  readonly draft: StepDraft;
}

export function fill<K extends keyof StepDraft>(
  draft: StepDraft,
  field: K,
  value: StepDraft[K] | undefined,
): void {
  if (draft[field] === undefined && value !== undefined) draft[field] = value;
}

/**
 * Fills a field from the first candidate that yields a value. Candidates are functions so that only the
 * attributes actually used are marked used; when the field is already set none of them runs.
 */
export function fillFirst<K extends keyof StepDraft>(
  draft: StepDraft,
  field: K,
  ...candidates: (() => StepDraft[K] | undefined)[]
): void {
  for (const candidate of candidates) {
    if (draft[field] !== undefined) return;
    fill(draft, field, candidate());
  }
}

/** Usage from the two counts a convention names; one count alone still records usage, the other as 0. */
export function usageOf(input: number | undefined, output: number | undefined): StepDraft['usage'] {
  return input === undefined && output === undefined
    ? undefined
    : { input_tokens: input ?? 0, output_tokens: output ?? 0 };
}

/**
 * A value that conventions send as a JSON string (tool arguments, entity inputs): parsed when it is a JSON
 * object or array, left as it came otherwise, so plain text such as "42" or "rainy" stays text.
 */
export function parseJson(value: AttrValue | undefined): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Wrapper keys of OpenInference list items (`llm.input_messages.0.message.role`), dropped when unflattening. */
const ITEM_WRAPPERS = new Set([
  'message',
  'message_content',
  'tool_call',
  'document',
  'prompt',
  'completion',
  'embedding',
  'tool',
]);

/**
 * Rebuilds the lists that OpenInference and OpenLLMetry flatten into indexed attribute keys:
 * `{'0.message.role': 'user', '0.message.content': 'hi'}` becomes `[{ role: 'user', content: 'hi' }]`.
 * Keys that are all indexes become a dense array in index order; list items lose their wrapper key.
 */
export function unflatten(flat: Attributes): unknown {
  const root: PathNode = { children: new Map() };
  for (const [path, value] of Object.entries(flat)) {
    let node = root;
    for (const part of path.split('.')) {
      let child = node.children.get(part);
      if (!child) node.children.set(part, (child = { children: new Map() }));
      node = child;
    }
    node.value = value;
  }
  return build(root);
}

interface PathNode {
  value?: AttrValue;
  children: Map<string, PathNode>;
}

function build(node: PathNode): unknown {
  if (node.children.size === 0) return node.value ?? null;
  const keys = [...node.children.keys()];
  if (keys.every((key) => /^\d+$/.test(key))) {
    return keys
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => unwrapItem(build(node.children.get(key) as PathNode)));
  }
  const object: Record<string, unknown> = {};
  for (const [key, child] of node.children) setOwn(object, key, build(child));
  // A key that is both a value and the prefix of others keeps both.
  if (node.value !== undefined) setOwn(object, '_value', node.value);
  return object;
}

function unwrapItem(item: unknown): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
  const keys = Object.keys(item);
  return keys.length === 1 && ITEM_WRAPPERS.has(keys[0]) ? (item as Record<string, unknown>)[keys[0]] : item;
}
