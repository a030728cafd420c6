const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** One step below a value: an object key or an array index. */
export type PathSegment = string | number;

/**
 * Dot/bracket notation: `input.messages[0].content`, `headers["x-api-key"]`. Keys that are not
 * identifiers are quoted as JSON strings, so every path can be parsed back unambiguously.
 */
export function formatPath(base: string, segments: readonly PathSegment[]): string {
  let path = base;
  for (const segment of segments) {
    if (typeof segment === 'number') path = `${path}[${segment}]`;
    else if (IDENTIFIER.test(segment)) path = path === '' ? segment : `${path}.${segment}`;
    else path = `${path}[${JSON.stringify(segment)}]`;
  }
  return path;
}
