/**
 * Where a value was masked, what it was, and a salted hash of the original (per tenant), so two
 * runs can be compared without storing the value. `path` is relative to the stored document, e.g.
 * `input.messages[0].content`; several marks may share a path.
 */
export interface RedactionMark {
  readonly path: string;
  readonly type: string;
  readonly hash: string;
  /** `key` when the placeholder replaced part of the object key at `path` rather than its value. */
  readonly target?: 'key';
}
