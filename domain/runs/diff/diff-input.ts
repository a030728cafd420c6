import { type StepKind } from '../step-kind';

/** One redaction mark: where a placeholder sits in the step, what it hid, and a salted hash of what it hid. */
export interface DiffRedaction {
  /** Relative to the step, e.g. `input.messages[0].content`; several marks may share a path, in order of occurrence. */
  readonly path: string;
  readonly type: string;
  readonly hash: string;
  /** `key` when the placeholder replaced part of the object key at `path` rather than its value. */
  readonly target?: 'key';
}

/** A step as `GET /v1/runs/{id}/steps` returns it. */
export interface DiffStep {
  readonly id: string;
  readonly kind: StepKind;
  readonly name: string | null;
  readonly parent_id: string | null;
  readonly started_at: string;
  readonly ended_at: string | null;
  readonly duration_ms: number | null;
  readonly model: string | null;
  readonly model_params: Record<string, unknown> | null;
  readonly tool: string | null;
  readonly input: unknown;
  readonly output: unknown;
  readonly usage: { readonly input_tokens: number; readonly output_tokens: number } | null;
  readonly cost_usd: number | null;
  readonly error: unknown;
  readonly metadata?: Record<string, unknown>;
  readonly redactions: readonly DiffRedaction[];
  /** The digest stored with the step (see step-digest): equal current digests prove two steps the same. */
  readonly digest?: string | null;
}

/** What ordering and aligning steps read. */
export type StepOutline = Pick<
  DiffStep,
  'id' | 'kind' | 'name' | 'parent_id' | 'started_at' | 'model' | 'tool'
>;

/** A step known by its outline and digest only: a diff loads payloads just for the pairs that may differ. */
export interface OutlinedStep extends StepOutline {
  readonly outline: true;
  readonly digest: string | null;
}

/** A run as `GET /v1/runs/{id}` returns it, with its steps in any order. */
export interface DiffRun {
  readonly id: string;
  readonly name: string | null;
  readonly status: string;
  readonly tags: readonly string[];
  readonly metadata: Record<string, unknown>;
  readonly steps: readonly DiffStep[];
}

/** A run without its steps: what the diff reports and compares at run level. */
export type DiffRunInfo = Omit<DiffRun, 'steps'>;

/**
 * What a diff treats as noise. Paths are relative to a step (and, for `metadata.…`, to the run too),
 * with `*` standing for any one key or array index: `input.messages[*].id`, `output.usage`.
 * Keys in `ignore_keys` are ignored at any depth.
 */
export interface DiffProfile {
  readonly name: string;
  readonly ignore_paths: readonly string[];
  readonly ignore_keys: readonly string[];
}
