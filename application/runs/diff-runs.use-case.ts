import { z } from 'zod';
import { type DiffProfile, type DiffRun, type RunDiff, diffRuns } from '../../domain/runs/diff';
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
    // two transactions at once: PostgreSQL builds one run while Node parses the other
    const [a, b] = await Promise.all([
      this.load(viewer.value, input.runA),
      this.load(viewer.value, input.runB),
    ]);
    if (!a.ok) return a;
    if (!b.ok) return b;
    return diffRuns(a.value, b.value, profile.value ?? undefined);
  }

  private async profileFor(actor: TenantActor, name: string): Promise<Result<DiffProfile | null>> {
    if (name === 'default') return ok(null);
    const stored = await this.profiles.find(actor.tenantId, name);
    if (!stored) return err(DomainError.notFound('diff profile', name));
    return ok({ name: stored.name, ignore_paths: stored.ignorePaths, ignore_keys: stored.ignoreKeys });
  }

  private async load(actor: TenantActor, runId: string): Promise<Result<DiffRun>> {
    const run = await findVisibleRun(this.runs, actor, runId);
    if (!run.ok) return run;
    const steps = await this.steps.diffSteps(actor.tenantId, runId, MAX_DIFF_STEPS + 1);
    if (steps.length > MAX_DIFF_STEPS) {
      return err(
        new DomainError(
          'unprocessable',
          `run ${runId} has more than ${MAX_DIFF_STEPS} steps to diff`,
          'too_many_steps',
        ),
      );
    }
    return ok(diffable(run.value, steps));
  }
}

const diffable = (run: Run, steps: DiffRun['steps']): DiffRun => ({
  id: run.id,
  name: run.name,
  status: run.status,
  tags: run.tags,
  metadata: { ...run.metadata },
  steps,
});
