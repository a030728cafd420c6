import { canonicalJson } from './canonical-json';
import { type StepOutline } from './diff-input';
import { alignSequences } from './sequence-alignment';

/**
 * How two ordered step lists line up. `matched` steps share a signature; `paired` steps share kind
 * and name but not model or tool (a model swap); the rest exist on one side only.
 */
export type StepPairing =
  | { readonly op: 'matched'; readonly a: number; readonly b: number }
  | { readonly op: 'paired'; readonly a: number; readonly b: number }
  | { readonly op: 'deleted'; readonly a: number }
  | { readonly op: 'inserted'; readonly b: number };

/**
 * Steps in a fixed order whatever the storage order: by start time (as an instant, so offsets
 * compare correctly), then the timestamp text, then id. Two steps alike in all three (ids are unique
 * per run, so only bad data gets here) fall back to their full canonical content.
 */
export function orderSteps<T extends StepOutline>(steps: readonly T[]): T[] {
  const keyed = steps.map((step) => {
    const instant = Date.parse(step.started_at);
    return { step, instant: Number.isNaN(instant) ? Number.POSITIVE_INFINITY : instant, content: '' };
  });
  const contentOf = (entry: (typeof keyed)[number]) => (entry.content ||= canonicalJson(entry.step));
  keyed.sort(
    (x, y) =>
      (x.instant === y.instant ? 0 : x.instant < y.instant ? -1 : 1) ||
      compareText(x.step.started_at, y.step.started_at) ||
      compareText(x.step.id, y.step.id) ||
      compareText(contentOf(x), contentOf(y)),
  );
  return keyed.map((entry) => entry.step);
}

/** What a step is, for alignment: kind and name, plus the model of a model step or the tool of a tool step. */
export function stepSignature(step: StepOutline): string {
  const detail = step.kind === 'model' ? step.model : step.kind === 'tool' ? step.tool : null;
  // Length-prefixed and null-marked, so no name or model can make two signatures collide.
  return `${step.kind}|${text(step.name)}|${text(detail)}`;
}

const text = (value: string | null) => (value === null ? '-' : `${value.length}:${value}`);

/**
 * Aligns the signature sequences with a shortest edit script, so one inserted step is one insertion
 * and the steps after it still match. Inside each stretch of deletions and insertions, steps of the
 * same kind and name are then paired in order (again by alignment), turning a model swap into one
 * change instead of a deletion and an insertion.
 */
export function alignSteps(a: readonly StepOutline[], b: readonly StepOutline[]): StepPairing[] {
  const signatures = new Interner();
  const ops = alignSequences(signatures.all(a, stepSignature), signatures.all(b, stepSignature));
  const pairings: StepPairing[] = [];
  const kinds = new Interner();
  let deleted: number[] = [];
  let inserted: number[] = [];
  const flush = () => {
    if (deleted.length > 0 && inserted.length > 0) pairStretch(a, b, deleted, inserted, kinds, pairings);
    else {
      for (const i of deleted) pairings.push({ op: 'deleted', a: i });
      for (const j of inserted) pairings.push({ op: 'inserted', b: j });
    }
    deleted = [];
    inserted = [];
  };
  for (const op of ops) {
    if (op.op === 'delete') deleted.push(op.a);
    else if (op.op === 'insert') inserted.push(op.b);
    else {
      flush();
      pairings.push({ op: 'matched', a: op.a, b: op.b });
    }
  }
  flush();
  return pairings;
}

function pairStretch(
  a: readonly StepOutline[],
  b: readonly StepOutline[],
  deleted: readonly number[],
  inserted: readonly number[],
  kinds: Interner,
  out: StepPairing[],
): void {
  const kindAndName = (step: StepOutline) => `${step.kind}|${text(step.name)}`;
  const left = kinds.all(
    deleted.map((i) => a[i] as StepOutline),
    kindAndName,
  );
  const right = kinds.all(
    inserted.map((j) => b[j] as StepOutline),
    kindAndName,
  );
  for (const op of alignSequences(left, right)) {
    if (op.op === 'equal')
      out.push({ op: 'paired', a: deleted[op.a] as number, b: inserted[op.b] as number });
    else if (op.op === 'delete') out.push({ op: 'deleted', a: deleted[op.a] as number });
    else out.push({ op: 'inserted', b: inserted[op.b] as number });
  }
}

/** Maps strings to small integers so the alignment compares numbers. */
class Interner {
  private readonly ids = new Map<string, number>();

  all<T>(items: readonly T[], key: (item: T) => string): Int32Array {
    const out = new Int32Array(items.length);
    items.forEach((item, i) => {
      const text = key(item);
      let id = this.ids.get(text);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(text, id);
      }
      out[i] = id;
    });
    return out;
  }
}

/** Code-unit order: unlike localeCompare, the same on every machine and locale. */
function compareText(x: string, y: string): number {
  return x === y ? 0 : x < y ? -1 : 1;
}
