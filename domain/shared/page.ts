/** One page of a keyset-paginated listing; `nextCursor` is opaque to callers. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** Where the previous page ended, in a listing ordered by (time, id). */
export interface KeysetPosition {
  readonly at: Date;
  readonly id: string;
}
