import { z } from 'zod';
import {
  ListRunStepsInput,
  type ListRunStepsUseCase,
} from '../../../application/runs/list-run-steps.use-case';
import { StepView } from '../../../application/runs/step.view';
import { ok } from '../../../domain/shared/result';
import { defineTool } from '../../shared/definitions';

export const getRunStepsTool = (listSteps: ListRunStepsUseCase) =>
  defineTool({
    name: 'get_run_steps',
    title: "Get a run's steps",
    description:
      "A run's timeline: prompts, model calls, tool calls, policy decisions and errors in start order (payloads are stored redacted). view=tree nests steps under their parents.",
    input: ListRunStepsInput.extend({
      run_id: z.guid(),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    output: z.object({
      view: z.enum(['flat', 'tree']),
      items: z.array(z.union([StepView, z.record(z.string(), z.unknown())])),
      next_cursor: z.string().nullable(),
    }),
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    async run(actor, { run_id, ...input }) {
      const steps = await listSteps.execute(actor, run_id, input);
      return steps.ok
        ? ok({ view: steps.value.view, items: [...steps.value.items], next_cursor: steps.value.nextCursor })
        : steps;
    },
  });
