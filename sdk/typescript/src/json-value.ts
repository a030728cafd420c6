/** Nesting deeper than this is cut (the server replaces anything below 256 levels anyway). */
const MAX_DEPTH = 512;

/**
 * A JSON-safe copy of a value, as JSON.stringify would send it (toJSON honoured, undefined and
 * functions dropped, non-finite numbers as null), but never throwing: bigints become strings,
 * cycles "[Circular]", Errors `{name, message}`, Maps objects and Sets arrays. Tracing must not
 * break the agent because a tool returned something odd.
 */
export function toJsonValue(value: unknown): unknown {
  return convert(value, '', new Set(), 0);
}

function convert(value: unknown, key: string, ancestors: Set<object>, depth: number): unknown {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
    value = (value as { toJSON(key: string): unknown }).toJSON(key);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  if (ancestors.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Too deep]';
  ancestors.add(value);
  try {
    if (Array.isArray(value))
      return value.map((item, index) => convert(item, String(index), ancestors, depth + 1) ?? null);
    if (value instanceof Error) return errorValue(value);
    if (value instanceof Map)
      return convertEntries(
        [...value.entries()].map(([k, v]) => [String(k), v]),
        ancestors,
        depth,
      );
    if (value instanceof Set)
      return [...value].map((item, index) => convert(item, String(index), ancestors, depth + 1) ?? null);
    return convertEntries(Object.entries(value), ancestors, depth);
  } finally {
    ancestors.delete(value);
  }
}

function convertEntries(
  entries: [string, unknown][],
  ancestors: Set<object>,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const converted = convert(item, key, ancestors, depth + 1);
    if (converted === undefined) continue;
    Object.defineProperty(out, key, {
      value: converted,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** How a thrown value is reported in a step's `error`. */
export function errorValue(error: unknown): string | Record<string, unknown> {
  if (error instanceof Error) {
    const out: Record<string, unknown> = { name: error.name, message: error.message };
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') out.code = code;
    return out;
  }
  if (typeof error === 'string') return error;
  const converted = toJsonValue(error);
  return converted !== null && typeof converted === 'object' && !Array.isArray(converted)
    ? (converted as Record<string, unknown>)
    : String(error);
}

export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;

/**
 * Token usage from the usual shapes: Anthropic and LangChain `{input_tokens, output_tokens}`,
 * OpenAI `{prompt_tokens, completion_tokens}`, camelCase variants; on the value itself or under
 * `usage`, `usage_metadata` or `tokenUsage`.
 */
export function usageOf(value: unknown): Usage | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  for (const candidate of [record.usage, record.usage_metadata, record.tokenUsage, record]) {
    if (!candidate || typeof candidate !== 'object') continue;
    const c = candidate as Record<string, unknown>;
    const input =
      count(c.input_tokens) ?? count(c.prompt_tokens) ?? count(c.inputTokens) ?? count(c.promptTokens);
    const output =
      count(c.output_tokens) ??
      count(c.completion_tokens) ??
      count(c.outputTokens) ??
      count(c.completionTokens);
    if (input !== null || output !== null) return { inputTokens: input ?? 0, outputTokens: output ?? 0 };
  }
  return undefined;
}
