import { canonicalJson } from '../shared/canonical-json';

/**
 * The text whose SHA-256 binds a decision to one exact tool call: canonical JSON of
 * `{tool, arguments}` (sorted keys, no whitespace). The SDKs compute the same text.
 */
export function toolCallText(tool: string, args: unknown): string {
  return canonicalJson({ tool, arguments: args ?? null });
}
