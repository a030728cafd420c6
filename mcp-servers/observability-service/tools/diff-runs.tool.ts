import {
  DiffRunsInput,
  type DiffRunsUseCase,
  RunDiffView,
} from '../../../application/runs/diff-runs.use-case';
import { ok } from '../../../domain/shared/result';
import { defineTool } from '../../shared/definitions';

export const diffRunsTool = (diffRuns: DiffRunsUseCase) =>
  defineTool({
    name: 'diff_runs',
    title: 'Diff two runs',
    description:
      'Compares two agent runs step by step: prompt, tool calls, model configuration and metadata changes, with inserted and deleted steps aligned. Deterministic for the same runs and profile.',
    input: DiffRunsInput,
    output: RunDiffView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    async run(actor, input) {
      const diff = await diffRuns.execute(actor, input);
      return diff.ok ? ok(diff.value as never) : diff;
    },
  });
