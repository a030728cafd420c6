import { z } from 'zod';
import { type Run } from '../../../domain/runs/run.entity';
import { type Clock } from '../../../domain/shared/ports/clock.port';
import { ok } from '../../../domain/shared/result';
import { type ListRunStepsUseCase } from '../../runs/list-run-steps.use-case';
import { type ListRunsUseCase } from '../../runs/list-runs.use-case';
import { type StepView } from '../../runs/step.view';
import { done } from '../../workflows/node-handler';
import { ACTION_NAMES, type AgentAction } from '../agent-actions';
import { parseParams } from './action-params';

const Params = z.object({
  window_hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24),
  project_id: z.uuid().optional(),
  /** Runs whose steps are read for TTFT (steps are not kept on the run). */
  sample_runs: z.coerce.number().int().min(0).max(50).default(10),
  ttft_threshold_ms: z.coerce.number().min(1).default(800),
  error_rate_threshold: z.coerce.number().min(0).max(1).default(0.05),
  latency_p95_threshold_ms: z.coerce.number().min(1).optional(),
});

/** The runs read per health check; the newest ones of the window. */
export const MAX_RUNS = 200;

/** Percentile by nearest rank; null for no samples. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/**
 * Time to first token of a model step, when the agent reported it: `ttft_ms` or
 * `time_to_first_token_ms` (SDKs), or the OpenTelemetry GenAI attribute, in seconds.
 */
export function ttftOf(step: Pick<StepView, 'kind' | 'metadata'>): number | null {
  if (step.kind !== 'model' || !step.metadata) return null;
  const m = step.metadata;
  for (const key of ['ttft_ms', 'time_to_first_token_ms']) {
    if (typeof m[key] === 'number' && Number.isFinite(m[key]) && m[key] >= 0) return m[key];
  }
  const seconds = m['gen_ai.server.time_to_first_token'];
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

/**
 * PMA: health of recent agent runs from the runs store: latency p50/p95 of finished runs, the
 * share that failed, the share of steps that were errors, and TTFT p50/p95 from the model steps
 * of the newest finished runs (what the agents reported; the seed's alert threshold is 800 ms).
 */
export function runsHealthAction(
  runs: Pick<ListRunsUseCase, 'execute'>,
  steps: Pick<ListRunStepsUseCase, 'execute'>,
  clock: Clock,
): AgentAction {
  return {
    name: ACTION_NAMES.runsHealth,
    description: 'Latency p50/p95, error rate and time to first token of recent agent runs',
    risk: 'low',
    perform: async (ctx) => {
      const params = parseParams(Params, ctx.params);
      if (!params.ok) return params;
      const p = params.value;
      const from = new Date(clock.now().getTime() - p.window_hours * 3_600_000);
      const listed = await runs.execute(ctx.actor, {
        from: from.toISOString(),
        project_id: p.project_id,
        limit: MAX_RUNS,
      });
      if (!listed.ok) return listed;
      const finished = listed.value.items.filter(
        (r) => r.status !== 'running' && r.id !== ctx.run.workflow.runId,
      );
      const durations = finished.flatMap((r) => (r.durationMs === null ? [] : [r.durationMs]));
      const failed = finished.filter((r) => r.status === 'failed').length;
      const stepCount = sum(finished, (r) => r.stats.stepCount);
      const errorSteps = sum(finished, (r) => r.stats.errorCount);

      const ttfts: number[] = [];
      for (const run of finished.filter((r) => r.stats.models.length > 0).slice(0, p.sample_runs)) {
        const page = await steps.execute(ctx.actor, run.id, { view: 'flat', limit: 1000 });
        if (!page.ok) continue;
        for (const step of page.value.items as readonly StepView[]) {
          const ttft = ttftOf(step);
          if (ttft !== null) ttfts.push(ttft);
        }
      }

      const latency = { p50_ms: percentile(durations, 50), p95_ms: percentile(durations, 95) };
      const ttft = { p50_ms: percentile(ttfts, 50), p95_ms: percentile(ttfts, 95), samples: ttfts.length };
      const errorRate = finished.length === 0 ? null : failed / finished.length;
      const findings: string[] = [];
      if (errorRate !== null && errorRate > p.error_rate_threshold) {
        findings.push(
          `error rate ${(errorRate * 100).toFixed(1)}% is above ${(p.error_rate_threshold * 100).toFixed(1)}%`,
        );
      }
      if (ttft.p95_ms !== null && ttft.p95_ms > p.ttft_threshold_ms) {
        findings.push(
          `TTFT p95 ${Math.round(ttft.p95_ms)} ms is above ${p.ttft_threshold_ms} ms (slow reasoning)`,
        );
      }
      if (
        p.latency_p95_threshold_ms &&
        latency.p95_ms !== null &&
        latency.p95_ms > p.latency_p95_threshold_ms
      ) {
        findings.push(`latency p95 ${latency.p95_ms} ms is above ${p.latency_p95_threshold_ms} ms`);
      }
      return ok(
        done({
          status: finished.length === 0 ? 'no_data' : findings.length > 0 ? 'degraded' : 'healthy',
          window: { from: from.toISOString(), hours: p.window_hours },
          runs: {
            finished: finished.length,
            failed,
            running: listed.value.items.filter((r) => r.status === 'running').length,
          },
          latency,
          error_rate: errorRate,
          step_error_rate: stepCount === 0 ? null : errorSteps / stepCount,
          ttft,
          findings,
          truncated: listed.value.nextCursor !== null,
        }),
      );
    },
  };
}

const sum = (runs: readonly Run[], of: (r: Run) => number): number => runs.reduce((s, r) => s + of(r), 0);
