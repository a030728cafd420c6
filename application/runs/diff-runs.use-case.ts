import { z } from 'zod';
import {
  type DiffProfile,
  type DiffRunInfo,
  type DiffStep,
  type OutlinedStep,
  type RunDiff,
  alignRuns,
  diffAligned,
  stepsToCompare,
  withContent,
} from '../../domain/runs/diff';
import { type DiffProfileRepository } from '../../domain/runs/ports/diff-profile-repository.port';
import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { type StepRepository } from '../../domain/runs/ports/step-repository.port';
import { type Run } from '../../domain/runs/run.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor, type TenantActor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { findVisibleRun } from './run-access';

/** Beyond this many steps a run is not diffed in one request. */
export const MAX_DIFF_STEPS = 20_000;

export const DiffRunsInput = z.strictObject({
  runA: z.guid().describe('The baseline run'),
  runB: z.guid().describe('The run compared with it'),
  profile: z
    .string()
    .min(1)
    .max(100)
    .default('default')
    .describe('A normalisation profile: default, or one of yours'),
});
export type DiffRunsInput = z.infer<typeof DiffRunsInput>;

/** The loose shape of a diff for schemas (OpenAPI, MCP); the engine's types are the precise contract. */
export const RunDiffView = z.looseObject({
  run_a: z.looseObject({ id: z.string() }),
  run_b: z.looseObject({ id: z.string() }),
  profile: z.looseObject({ name: z.string() }),
  summary: z.looseObject({}),
  categories: z.looseObject({
    prompt: z.unknown(),
    tools: z.unknown(),
    model: z.unknown(),
    metadata: z.unknown(),
  }),
  steps: z.array(z.looseObject({ op: z.enum(['same', 'changed', 'inserted', 'deleted']) })),
});

/**
 * Compares two runs step by step (seed 004 §6.3): steps aligned by signature, noise removed by the
 * profile, redacted values compared by their hashes. The same two runs and profile always give
 * byte-identical output.
 */
export class DiffRunsUseCase {
  constructor(
    private readonly runs: RunRepository,
    private readonly steps: StepRepository,
    private readonly profiles: DiffProfileRepository,
  ) {}

  async execute(actor: Actor, input: DiffRunsInput): Promise<Result<RunDiff>> {
    const viewer = authorizeTenant(actor, 'viewer');
    if (!viewer.ok) return viewer;
    const profile = await this.profileFor(viewer.value, input.profile);
    if (!profile.ok) return profile;
    // Outlines first (ids, starts, signatures, digests): enough to align the runs, and the
    // digests prove most pairs the same, so only the pairs that may differ are loaded whole.
    // Two transactions at once: PostgreSQL reads one run while Node handles the other.
    const [a, b] = await Promise.all([
      this.outline(viewer.value, input.runA),
      this.outline(viewer.value, input.runB),
    ]);
    if (!a.ok) return a;
    if (!b.ok) return b;
    const aligned = alignRuns(a.value.steps, b.value.steps);
    const needed = stepsToCompare(aligned);
    const [loadedA, loadedB] = await Promise.all([
      this.content(viewer.value, a.value, needed.a),
      this.content(viewer.value, b.value, needed.b),
    ]);
    if (!loadedA.ok) return loadedA;
    if (!loadedB.ok) return loadedB;
    return diffAligned(
      a.value.run,
      b.value.run,
      withContent(aligned, loadedA.value, loadedB.value),
      profile.value ?? undefined,
    );
  }

  private async profileFor(actor: TenantActor, name: string): Promise<Result<DiffProfile | null>> {
    if (name === 'default') return ok(null);
    const stored = await this.profiles.find(actor.tenantId, name);
    if (!stored) return err(DomainError.notFound('diff profile', name));
    return ok({ name: stored.name, ignore_paths: stored.ignorePaths, ignore_keys: stored.ignoreKeys });
  }

  private async outline(actor: TenantActor, runId: string): Promise<Result<OutlinedRun>> {
    const run = await findVisibleRun(this.runs, actor, runId);
    if (!run.ok) return run;
    const steps = await this.steps.diffOutline(actor.tenantId, runId, MAX_DIFF_STEPS + 1);
    if (steps.length > MAX_DIFF_STEPS) {
      return err(
        new DomainError(
          'unprocessable',
          `run ${runId} has more than ${MAX_DIFF_STEPS} steps to diff`,
          'too_many_steps',
        ),
      );
    }
    return ok({ run: runInfo(run.value), steps });
  }

  /** The steps of `ids`, by id: fetched by id when they are few, with the whole run when most are needed. */
  private async content(
    actor: TenantActor,
    outlined: OutlinedRun,
    ids: ReadonlySet<string>,
  ): Promise<Result<ReadonlyMap<string, DiffStep>>> {
    const loaded = new Map<string, DiffStep>();
    if (ids.size === 0) return ok(loaded);
    const runId = outlined.run.id;
    const steps =
      ids.size * 2 > outlined.steps.length
        ? await this.steps.diffSteps(actor.tenantId, runId, MAX_DIFF_STEPS + 1)
        : await this.steps.diffStepsById(actor.tenantId, runId, [...ids]);
    for (const step of steps) if (ids.has(step.id)) loaded.set(step.id, step);
    // Steps are never changed or removed one by one: a missing one means the run was just deleted.
    if (loaded.size < ids.size) return err(DomainError.notFound('run', runId));
    return ok(loaded);
  }
}

interface OutlinedRun {
  readonly run: DiffRunInfo;
  readonly steps: readonly OutlinedStep[];
}

const runInfo = (run: Run): DiffRunInfo => ({
  id: run.id,
  name: run.name,
  status: run.status,
  tags: run.tags,
  metadata: { ...run.metadata },
});
