import { type RedactionRules } from './rules';
import { type TextCheck, validatorFor } from './validators';

/** One secret in a string: `[start, end)` is replaced by the placeholder, `secret` is that text. */
export interface Finding {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly secret: string;
}

interface Pattern {
  /** Position in the rules: at one position the lowest wins. */
  readonly priority: number;
  readonly type: string;
  readonly regex: RegExp;
  readonly group: number;
  readonly check: TextCheck | null;
  /** Characters one of which every match contains; null: always tried. */
  readonly requires: string | null;
}

interface Candidate {
  readonly pattern: Pattern;
  readonly start: number;
  readonly end: number;
  readonly secretStart: number;
  readonly secretEnd: number;
}

const NONE: readonly Finding[] = Object.freeze([]);

/**
 * The `scan` semantics of the rules file: placeholders split a string into pieces scanned on their
 * own; in a piece, at each position the first pattern (in list order) whose match passes its
 * validator wins, scanning resumes at its end, and the stretches between findings are scanned again
 * until nothing new turns up.
 */
export class TextScanner {
  private readonly patterns: readonly Pattern[];
  private readonly placeholders: RegExp;
  private readonly placeholderRequires: string;

  constructor(rules: RedactionRules) {
    this.placeholders = new RegExp(rules.placeholder.pattern, 'g');
    this.placeholderRequires = rules.placeholder.requires;
    this.patterns = rules.patterns.map((rule, priority) => ({
      priority,
      type: rule.type,
      // JavaScript reads the patterns without the u flag; d gives the secret group's offsets.
      regex: new RegExp(rule.pattern, `dg${rule.flags}`),
      group: rule.secret_group ?? 0,
      check: rule.validator ? validatorFor(rule.validator, rules) : null,
      requires: rule.requires ?? null,
    }));
  }

  scan(text: string): readonly Finding[] {
    const first = this.scanOnce(text, 0);
    if (first.length === 0) return NONE;
    // A look-around may have been blocked by a secret that is now gone: rescan what lies between.
    const findings = [...first];
    const pending = gaps(first, 0, text.length);
    for (let gap = pending.pop(); gap; gap = pending.pop()) {
      const found = this.scanOnce(text.slice(gap[0], gap[1]), gap[0]);
      if (found.length === 0) continue;
      findings.push(...found);
      pending.push(...gaps(found, gap[0], gap[1]));
    }
    return findings.sort((a, b) => a.start - b.start);
  }

  /** Existing placeholders split the text; each piece is scanned as if it were the whole string. */
  private scanOnce(text: string, offset: number): Finding[] {
    if (!hasAny(text, this.placeholderRequires)) return this.scanPiece(text, offset);
    const findings: Finding[] = [];
    const placeholders = this.placeholders;
    placeholders.lastIndex = 0;
    let at = 0;
    for (let match = placeholders.exec(text); match; match = placeholders.exec(text)) {
      if (match.index > at) findings.push(...this.scanPiece(text.slice(at, match.index), offset + at));
      at = match.index + match[0].length;
    }
    if (at < text.length) findings.push(...this.scanPiece(at === 0 ? text : text.slice(at), offset + at));
    return findings;
  }

  private scanPiece(text: string, offset: number): Finding[] {
    const active = this.patterns.filter((p) => p.requires === null || hasAny(text, p.requires));
    const next = active.map((pattern) => nextCandidate(pattern, text, 0));
    const findings: Finding[] = [];
    for (;;) {
      let best: Candidate | null = null;
      for (const candidate of next)
        if (
          candidate &&
          (!best ||
            candidate.start < best.start ||
            (candidate.start === best.start && candidate.pattern.priority < best.pattern.priority))
        )
          best = candidate;
      if (!best) return findings;
      findings.push({
        type: best.pattern.type,
        start: offset + best.secretStart,
        end: offset + best.secretEnd,
        secret: text.slice(best.secretStart, best.secretEnd),
      });
      const resume = Math.max(best.end, best.start + 1);
      for (let i = 0; i < next.length; i++) {
        const candidate = next[i];
        if (candidate && candidate.start < resume) next[i] = nextCandidate(candidate.pattern, text, resume);
      }
    }
  }
}

/** The first match of `pattern` at or after `from` whose secret its validator accepts. */
function nextCandidate(pattern: Pattern, text: string, from: number): Candidate | null {
  const regex = pattern.regex;
  regex.lastIndex = from;
  for (;;) {
    const match = regex.exec(text);
    if (!match) return null;
    const span = match.indices?.[pattern.group];
    if (span && span[1] > span[0] && (!pattern.check || pattern.check(text.slice(span[0], span[1]))))
      return {
        pattern,
        start: match.index,
        end: match.index + match[0].length,
        secretStart: span[0],
        secretEnd: span[1],
      };
    // Rejected here (16 digits failing Luhn, say): this pattern moves on by one character.
    regex.lastIndex = match.index + 1;
  }
}

function hasAny(text: string, chars: string): boolean {
  for (const char of chars) if (text.includes(char)) return true;
  return false;
}

/** The stretches of `[from, to)` that the sorted findings inside it leave uncovered. */
function gaps(findings: readonly Finding[], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let at = from;
  for (const finding of findings) {
    if (finding.start > at) out.push([at, finding.start]);
    at = finding.end;
  }
  if (to > at) out.push([at, to]);
  return out;
}
