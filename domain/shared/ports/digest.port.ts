/** Plain (unkeyed) SHA-256, for hashes that others must be able to recompute: tool calls, audit chain. */
export abstract class Digest {
  /** Lowercase hex SHA-256 of the UTF-8 text. */
  abstract sha256(text: string): string;
}
