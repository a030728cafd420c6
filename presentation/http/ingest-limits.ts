/** Limits of a step batch, from configuration (COCKPIT_INGEST_MAX_STEPS, COCKPIT_INGEST_MAX_BYTES). */
export class IngestLimits {
  constructor(
    readonly maxSteps: number,
    readonly maxBytes: number,
  ) {}
}
