/**
 * One canonical JSON text per value: sorted keys, `undefined` members dropped, given keys ignored.
 * Iterative, so it has no depth limit.
 */
export function canonicalJson(value: unknown, ignoreKeys: ReadonlySet<string> = new Set()): string {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Literal) out.push(item.text);
    else if (Array.isArray(item)) {
      stack.push(new Literal(']'));
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push(item[i] === undefined ? null : item[i]);
        if (i > 0) stack.push(new Literal(','));
      }
      out.push('[');
    } else if (item !== null && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined && !ignoreKeys.has(key))
        .sort();
      stack.push(new Literal('}'));
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push(record[key], new Literal(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`));
      }
      out.push('{');
    } else out.push(JSON.stringify(item) ?? 'null');
  }
  return out.join('');
}

class Literal {
  constructor(readonly text: string) {}
}
