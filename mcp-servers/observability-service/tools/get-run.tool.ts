import { z } from 'zod';
import { type GetRunUseCase } from '../../../application/runs/get-run.use-case';
import { RunView, toRunView } from '../../../application/runs/run.view';
import { ok } from '../../../domain/shared/result';
import { defineTool } from '../../shared/definitions';

export const getRunTool = (getRun: GetRunUseCase) =>
  defineTool({
    name: 'get_run',
    title: 'Get a run',
    description: 'One agent run with its status, duration, models, tools, token totals and cost.',
    input: z.strictObject({ run_id: z.guid() }),
    output: RunView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    async run(actor, input) {
      const run = await getRun.execute(actor, input.run_id);
      return run.ok ? ok(toRunView(run.value)) : run;
    },
  });
