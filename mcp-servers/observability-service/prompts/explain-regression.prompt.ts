import { z } from 'zod';
import { type DiffRunsUseCase } from '../../../application/runs/diff-runs.use-case';
import { ok } from '../../../domain/shared/result';
import { definePrompt } from '../../shared/definitions';

export const explainRegressionPrompt = (diffRuns: DiffRunsUseCase) =>
  definePrompt({
    name: 'explain_regression',
    title: 'Explain a regression between two runs',
    description:
      'Given a good run and a bad run, asks the model to explain what changed and what most likely caused the regression.',
    args: z.strictObject({
      good_run_id: z.guid().describe('A run that behaved as expected'),
      bad_run_id: z.guid().describe('A run that did not'),
    }),
    access: 'viewer',
    async render(actor, args) {
      const diff = await diffRuns.execute(actor, {
        runA: args.good_run_id,
        runB: args.bad_run_id,
        profile: 'default',
      });
      if (!diff.ok) return diff;
      return ok(
        [
          `Run ${args.good_run_id} behaved as expected; run ${args.bad_run_id} regressed.`,
          'Below is Cockpit\'s step-aligned diff of the two (A = good, B = bad). Redacted values appear only as "changed (redacted)".',
          '',
          'Explain, in order:',
          '1. What changed between the runs (prompt, tool calls, model configuration, metadata), citing step indexes.',
          '2. Which change most likely caused the regression, and why.',
          '3. What to check or change next, and which evidence in the diff supports it.',
          'Say so when the diff does not support a conclusion.',
          '',
          '```json',
          JSON.stringify(diff.value, null, 2),
          '```',
        ].join('\n'),
      );
    },
  });
