/** How LangChain values are written into steps. */

/** LangChain's Serialized (what a callback receives for the component that started). */
export interface SerializedLike {
  readonly id?: readonly string[];
  readonly name?: string;
  readonly kwargs?: Record<string, unknown>;
}

const MAX_PLAIN_DEPTH = 32;

/** LangGraph's node and step, when present: enough to find a step in the graph without the noise. */
export function graphMetadata(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['langgraph_node', 'langgraph_step'])
    if (metadata?.[key] !== undefined) out[key] = metadata[key];
  return out;
}

export function componentName(serialized: SerializedLike | undefined, fallback: string): string {
  const kwargsName = serialized?.kwargs?.name;
  if (typeof kwargsName === 'string') return kwargsName;
  if (typeof serialized?.name === 'string') return serialized.name;
  return serialized?.id?.at(-1) ?? fallback;
}

export function parseToolInput(input: string): unknown {
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}

/**
 * Messages as `{role, content, ...}` and documents as `{page_content, metadata}` instead of
 * LangChain's serialisation envelopes; everything else is left to the step's JSON conversion.
 */
export function toPlain(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_PLAIN_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => toPlain(item, depth + 1));
  const record = value as Record<string, unknown> & { getType?: () => string; _getType?: () => string };
  if (
    'content' in record &&
    (typeof record.getType === 'function' || typeof record._getType === 'function')
  ) {
    const message: Record<string, unknown> = {
      role: typeof record.getType === 'function' ? record.getType() : record._getType?.(),
      content: toPlain(record.content, depth + 1),
    };
    for (const key of ['name', 'tool_call_id', 'status', 'artifact'])
      if (record[key] !== undefined && record[key] !== null) message[key] = toPlain(record[key], depth + 1);
    if (Array.isArray(record.tool_calls) && record.tool_calls.length > 0)
      message.tool_calls = toPlain(record.tool_calls, depth + 1);
    return message;
  }
  if (typeof record.pageContent === 'string')
    return { page_content: record.pageContent, metadata: toPlain(record.metadata, depth + 1) };
  const proto = Object.getPrototypeOf(record) as object | null;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = toPlain(item, depth + 1);
  return out;
}
