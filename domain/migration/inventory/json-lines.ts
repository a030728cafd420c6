/**
 * The line on which each element of the workload array starts, so JSON rows are reported by line
 * like CSV rows. The array is the document itself or the `workloads` member of the top-level
 * object. Assumes the text is valid JSON (it is parsed first).
 */
export function jsonElementLines(text: string): number[] {
  const lines: number[] = [];
  const stack: ('{' | '[')[] = [];
  let line = 1;
  let target: number | null = null;
  let finished = false;
  let lastKey: string | null = null;
  let expectingElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    const inTarget = target !== null && stack.length === target + 1;
    if (inTarget && expectingElement && c !== ']') {
      lines.push(line);
      expectingElement = false;
    }
    if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') {
          value += text[j + 1] ?? '';
          j += 2;
          continue;
        }
        value += text[j];
        j++;
      }
      i = j;
      if (stack.length === 1 && stack[0] === '{') lastKey = value;
      continue;
    }
    if (c === '{' || c === '[') {
      const opensTarget =
        target === null &&
        !finished &&
        c === '[' &&
        (stack.length === 0 || (stack.length === 1 && stack[0] === '{' && lastKey === 'workloads'));
      stack.push(c);
      if (opensTarget) {
        target = stack.length - 1;
        expectingElement = true;
      }
      continue;
    }
    if (c === '}' || c === ']') {
      stack.pop();
      if (target !== null && stack.length === target) {
        target = null;
        finished = true;
      }
      continue;
    }
    if (c === ',' && inTarget) expectingElement = true;
  }
  return lines;
}
