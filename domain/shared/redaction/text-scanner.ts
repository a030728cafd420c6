import { type RedactionRules, type RedactionType, type ValuePattern } from './rules';
import { type TextCheck, validatorFor } from './validators';

/** One secret found in a string: `[start, end)` is replaced, `secret` is what gets hashed. */
export interface Finding {
  readonly type: RedactionType;
  readonly start: number;
  readonly end: number;
  readonly secret: string;
}

interface CompiledPattern {
  /** Position in the rules; lower wins when two patterns match at the same place. */
  readonly priority: number;
  readonly type: RedactionType;
  readonly check: TextCheck | null;
  /** Index of this pattern's wrapping group in its group's combined expression. */
  readonly outer: number;
  /** Index of the secret's group in the combined expression. */
  readonly secret: number;
  /** The pattern alone, anchored where the combined expression found a rejected candidate. */
  readonly sticky: RegExp;
  readonly stickySecret: number;
}

/** Patterns with the same pre-filter and flags run as one alternation: one scan, one exec per match. */
interface PatternGroup {
  readonly regex: RegExp;
  readonly patterns: readonly CompiledPattern[];
  /** Bit of this group in the per-string pre-filter. */
  readonly bit: number;
}

interface Candidate {
  readonly pattern: CompiledPattern;
  readonly start: number;
  readonly end: number;
  readonly secretStart: number;
  readonly secretEnd: number;
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
const ALLOWED_FLAGS = /^[ims]*$/;
/** Below this length a character loop beats one indexOf per trigger character. */
const SHORT_TEXT = 48;
/** Pre-filter bit of the placeholder; pattern groups use the bits below it. */
const PLACEHOLDER_BIT = 1 << 30;

/** Capture groups a pattern declares (an empty alternative always matches, with every group unset). */
function groupCount(source: string): number {
  return (new RegExp(`(?:${source})|`).exec('') as RegExpExecArray).length - 1;
}

function assertPortable(rule: ValuePattern): void {
  const problem = (what: string) => new Error(`redaction pattern ${rule.name}: ${what}`);
  if (!ALLOWED_FLAGS.test(rule.flags)) throw problem('flags must be in "ims"');
  if (/\\[1-9]|\\k<|\(\?<(?![=!])|\(\?P/.test(rule.pattern))
    throw problem('no back-references or named groups');
  if (new RegExp(`^(?:${rule.pattern})$`, rule.flags).test(''))
    throw problem('must not match the empty string');
  const groups = groupCount(rule.pattern);
  if (rule.secret_group !== undefined && (rule.secret_group < 1 || rule.secret_group > groups))
    throw problem(`secret_group ${rule.secret_group} does not exist`);
  if (rule.requires !== undefined && !/^[\x21-\x7e]+$/.test(rule.requires))
    throw problem('requires lists printable ASCII characters');
}

/**
 * Finds every secret in a string in one left-to-right pass. At each position the first pattern (in
 * rule order) that matches and passes its validator wins; scanning resumes after its match, so
 * findings never overlap. Existing placeholders split the text into pieces that are scanned on
 * their own, so nothing is ever found across or inside a placeholder: redaction is idempotent.
 *
 * Patterns run in small groups and their candidates are merged: V8 scans a pattern with a literal
 * or narrow first character at GB/s, but one alternation of all of them at a few MB/s. A character
 * pre-filter (`requires`) skips the groups that cannot match the string at all.
 */
export class TextScanner {
  private readonly groups: readonly PatternGroup[];
  /** For each ASCII code, the bits of the groups that character makes possible. */
  private readonly enables = new Int32Array(128);
  private readonly triggers: readonly (readonly [string, number])[];
  private readonly alwaysOn: number;
  private readonly placeholders: RegExp;

  constructor(rules: RedactionRules) {
    this.placeholders = new RegExp(rules.placeholder.pattern, 'g');
    for (const char of rules.placeholder.requires) this.enables[char.charCodeAt(0)]! |= PLACEHOLDER_BIT;
    const byFilter = new Map<string, { priority: number; rule: ValuePattern }[]>();
    rules.patterns.forEach((rule, priority) => {
      assertPortable(rule);
      const key = `${[...rule.flags].sort().join('')}\u0000${rule.requires ?? ''}`;
      byFilter.set(key, [...(byFilter.get(key) ?? []), { priority, rule }]);
    });
    if (byFilter.size > 30)
      throw new Error('at most 30 distinct (flags, requires) pairs of redaction patterns');
    let alwaysOn = 0;
    this.groups = [...byFilter.values()].map((members, index) => {
      const bit = 1 << index;
      const { flags, requires } = members[0]!.rule;
      if (requires === undefined) alwaysOn |= bit;
      else for (const char of requires) this.enables[char.charCodeAt(0)]! |= bit;
      let next = 1;
      const patterns = members.map(({ priority, rule }): CompiledPattern => {
        const outer = next;
        next += 1 + groupCount(rule.pattern);
        const secretGroup = rule.secret_group ?? 0;
        return {
          priority,
          type: rule.type,
          check: rule.validator ? validatorFor(rule.validator, rules) : null,
          outer,
          secret: outer + secretGroup,
          sticky: new RegExp(rule.pattern, `dy${flags}`),
          stickySecret: secretGroup,
        };
      });
      const source = members.map(({ rule }) => `(${rule.pattern})`).join('|');
      return { regex: new RegExp(source, `dg${flags}`), patterns, bit };
    });
    this.alwaysOn = alwaysOn;
    this.triggers = [...this.enables]
      .map((enabled, code) => [String.fromCharCode(code), enabled] as const)
      .filter(([, enabled]) => enabled !== 0);
  }

  scan(text: string): readonly Finding[] {
    const first = this.scanOnce(text, 0);
    if (first.length === 0) return NO_FINDINGS;
    // Once a secret is gone, a neighbour a look-around used to see it through may now match (an email
    // glued to a key block): the text between findings is scanned again, until nothing new turns up.
    // That fixpoint is what makes redact(redact(x)) === redact(x).
    const findings = [...first];
    const pending = gaps(first, 0, text.length);
    for (let gap = pending.pop(); gap; gap = pending.pop()) {
      const found = this.scanOnce(text.slice(gap[0], gap[1]), gap[0]);
      if (found.length === 0) continue;
      findings.push(...found);
      pending.push(...gaps(found, gap[0], gap[1]));
    }
    return findings.length === first.length ? first : findings.sort((a, b) => a.start - b.start);
  }

  /** One pass: existing placeholders split the text into pieces, each scanned on its own. */
  private scanOnce(text: string, offset: number): readonly Finding[] {
    const possible = this.possible(text);
    if ((possible & PLACEHOLDER_BIT) === 0) return this.scanPiece(text, offset, possible);
    let findings: Finding[] | null = null;
    let at = 0;
    const pieces = this.placeholders;
    pieces.lastIndex = 0;
    for (let match = pieces.exec(text); match; match = pieces.exec(text)) {
      if (match.index > at)
        (findings ??= []).push(...this.scanPiece(text.slice(at, match.index), offset + at, possible));
      at = match.index + match[0].length;
    }
    if (at === 0) return this.scanPiece(text, offset, possible);
    if (at < text.length) (findings ??= []).push(...this.scanPiece(text.slice(at), offset + at, possible));
    return findings ?? NO_FINDINGS;
  }

  /** Findings in a piece of text without placeholders; `offset` is where the piece starts. */
  private scanPiece(text: string, offset: number, possible: number): readonly Finding[] {
    if ((possible & ~PLACEHOLDER_BIT) === 0) return NO_FINDINGS;
    // Most strings hold nothing: no arrays are allocated until some group has a candidate.
    let next: (Candidate | null)[] | null = null;
    let groups: PatternGroup[] | null = null;
    for (const group of this.groups) {
      if ((possible & group.bit) === 0) continue;
      const candidate = this.nextIn(group, text, 0);
      if (!candidate) continue;
      (next ??= []).push(candidate);
      (groups ??= []).push(group);
    }
    if (!next || !groups) return NO_FINDINGS;
    const findings: Finding[] = [];
    for (;;) {
      let best: Candidate | null = null;
      for (const candidate of next) {
        if (
          candidate &&
          (!best ||
            candidate.start < best.start ||
            (candidate.start === best.start && candidate.pattern.priority < best.pattern.priority))
        )
          best = candidate;
      }
      if (!best) return findings;
      findings.push({
        type: best.pattern.type,
        start: offset + best.secretStart,
        end: offset + best.secretEnd,
        secret: text.slice(best.secretStart, best.secretEnd),
      });
      const resume = Math.max(best.end, best.start + 1);
      for (let i = 0; i < next.length; i++)
        if (next[i] && next[i]!.start < resume) next[i] = this.nextIn(groups[i]!, text, resume);
    }
  }

  /** Bits of the groups whose required characters occur in `text`. */
  private possible(text: string): number {
    let bits = this.alwaysOn;
    if (text.length <= SHORT_TEXT) {
      const enables = this.enables;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code < 128) bits |= enables[code]!;
      }
      return bits;
    }
    // Long text: one native search per character, skipping characters whose groups are already on
    // (once a digit is found, the other nine need not be looked for).
    for (const [char, enabled] of this.triggers)
      if ((bits & enabled) !== enabled && text.indexOf(char) !== -1) bits |= enabled;
    return bits;
  }

  /** The first accepted candidate of one group at or after `from`. */
  private nextIn(group: PatternGroup, text: string, from: number): Candidate | null {
    const { regex, patterns } = group;
    regex.lastIndex = from;
    for (;;) {
      const match = regex.exec(text);
      if (!match) return null;
      let k = 0;
      while (match[patterns[k]!.outer] === undefined) k++;
      const pattern = patterns[k]!;
      const start = match.index;
      const span = (match.indices as RegExpIndicesArray)[pattern.secret];
      if (accepts(pattern, text, span))
        return { pattern, start, end: start + match[0].length, secretStart: span![0], secretEnd: span![1] };
      // Rejected (say, 16 digits failing Luhn): a later pattern of the group may match right here.
      for (let later = k + 1; later < patterns.length; later++) {
        const alternative = anchored(patterns[later]!, text, start);
        if (alternative) return alternative;
      }
      regex.lastIndex = start + 1;
    }
  }
}

/** The stretches of `[from, to)` between findings, which are sorted and lie inside it. */
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

function anchored(pattern: CompiledPattern, text: string, at: number): Candidate | null {
  pattern.sticky.lastIndex = at;
  const match = pattern.sticky.exec(text);
  if (!match) return null;
  const span = (match.indices as RegExpIndicesArray)[pattern.stickySecret];
  if (!accepts(pattern, text, span)) return null;
  return { pattern, start: at, end: at + match[0].length, secretStart: span![0], secretEnd: span![1] };
}

function accepts(pattern: CompiledPattern, text: string, span: [number, number] | undefined): boolean {
  if (!span || span[1] <= span[0]) return false;
  return !pattern.check || pattern.check(text.slice(span[0], span[1]));
}
