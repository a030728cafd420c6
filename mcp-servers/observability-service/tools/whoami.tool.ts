import { z } from 'zod';
import { type GetIdentityUseCase, IdentityView } from '../../../application/tenancy/get-identity.use-case';
import { defineTool } from '../../shared/definitions';

export const whoamiTool = (identity: GetIdentityUseCase) =>
  defineTool({
    name: 'whoami',
    title: 'Show the current identity',
    description: 'Shows who the credential belongs to: user or API key, tenant, role and project.',
    input: z.strictObject({}),
    output: IdentityView,
    hints: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    access: 'authenticated',
    run: (actor) => identity.execute(actor),
  });
