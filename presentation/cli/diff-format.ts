import { type RunDiff, type StepDiff, type StepRef, type ValueChange } from '../../domain/runs/diff';

export interface Palette {
  readonly same: (s: string) => string;
  readonly changed: (s: string) => string;
  readonly inserted: (s: string) => string;
  readonly deleted: (s: string) => string;
  readonly heading: (s: string) => string;
}

const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const COLOURS: Palette = {
  same: ansi(2),
  changed: ansi(33),
  inserted: ansi(32),
  deleted: ansi(31),
  heading: ansi(1),
};
export const PLAIN: Palette = {
  same: (s) => s,
  changed: (s) => s,
  inserted: (s) => s,
  deleted: (s) => s,
  heading: (s) => s,
};

const MARK: Record<StepDiff['op'], string> = { same: '=', changed: '~', inserted: '+', deleted: '-' };
const VALUE_WIDTH = 80;

/** `cockpit diff` as a person reads it: one line per aligned step, changes indented under it. */
export function formatDiff(diff: RunDiff, palette: Palette): string[] {
  const lines = [
    palette.heading(
      `diff ${describeRun(diff.run_a)}  →  ${describeRun(diff.run_b)}   (profile: ${diff.profile.name})`,
    ),
    summaryLine(diff),
    '',
  ];
  for (const step of diff.steps) {
    const colour = palette[step.op];
    const ref = (step.b ?? step.a) as StepRef;
    const where =
      step.op === 'deleted'
        ? `a[${step.a?.index}]`
        : step.op === 'inserted'
          ? `b[${step.b?.index}]`
          : `[${step.a?.index}→${step.b?.index}]`;
    lines.push(colour(`${MARK[step.op]} ${where} ${ref.kind} ${ref.name ?? ''}${detail(ref)}`.trimEnd()));
    for (const change of step.changes ?? []) lines.push(colour(`      ${formatChange(change)}`));
  }
  if (diff.categories.metadata.changed) {
    lines.push('', palette.heading('run metadata'));
    for (const change of diff.categories.metadata.changes)
      lines.push(palette.changed(`      ${formatChange(change)}`));
  }
  return lines;
}

function describeRun(run: RunDiff['run_a']): string {
  return `${run.id}${run.name ? ` "${run.name}"` : ''} [${run.status}, ${run.step_count} steps]`;
}

function summaryLine(diff: RunDiff): string {
  const s = diff.summary;
  if (s.identical) return 'identical (after normalisation)';
  const categories = s.changed_categories.length ? `; changed: ${s.changed_categories.join(', ')}` : '';
  return `${s.same} same, ${s.changed} changed, ${s.inserted} inserted, ${s.deleted} deleted${categories}`;
}

const detail = (ref: StepRef): string =>
  ref.model ? ` (${ref.model})` : ref.tool && ref.tool !== ref.name ? ` (${ref.tool})` : '';

function formatChange(change: ValueChange): string {
  switch (change.change) {
    case 'changed':
      return `${change.path}: ${show(change.a)} → ${show(change.b)}`;
    case 'added':
      return `${change.path}: + ${show(change.b)}`;
    case 'removed':
      return `${change.path}: - ${show(change.a)}`;
    case 'changed (redacted)':
      return `${change.path}: changed (redacted ${change.type})`;
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > VALUE_WIDTH ? `${text.slice(0, VALUE_WIDTH - 1)}…` : text;
}
