import { z } from 'zod';
import { ListRunsInput, type ListRunsUseCase } from '../../../application/runs/list-runs.use-case';
import { RunView, toRunView } from '../../../application/runs/run.view';
import { ok } from '../../../domain/shared/result';
import { defineTool } from '../../shared/definitions';

export const listRunsTool = (listRuns: ListRunsUseCase) =>
  defineTool({
    name: 'list_runs',
    title: 'Search agent runs',
    description:
      'Lists agent runs newest first, with filters (status, model, tool, tags, time range, env, release, agent_version, project). Pass next_cursor back as cursor for more.',
    input: ListRunsInput.extend({ limit: z.number().int().min(1).max(200).default(20) }),
    output: z.object({ items: z.array(RunView), next_cursor: z.string().nullable() }),
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'viewer',
    async run(actor, input) {
      const page = await listRuns.execute(actor, input);
      return page.ok
        ? ok({ items: page.value.items.map(toRunView), next_cursor: page.value.nextCursor })
        : page;
    },
  });
