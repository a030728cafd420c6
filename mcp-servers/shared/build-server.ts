import {
  type CallToolResult,
  type GetPromptResult,
  McpServer,
  ResourceTemplate,
} from '@modelcontextprotocol/server';
import { type Actor } from '../../application/shared/actor';
import { type Access, checkAccess } from '../../application/shared/authorize';
import { type Result } from '../../domain/shared/result';
import { type McpServerDefinition, type ToolDefinition } from './definitions';

export const COCKPIT_MCP_VERSION = '0.1.0';

/**
 * Builds the MCP server of one definition for one caller. The actor comes from the verified
 * credential (never from tool arguments), so every tool is scoped to the caller's tenant.
 */
export function buildMcpServer(
  definition: McpServerDefinition,
  actor: Actor,
  onError: (error: unknown) => void,
): McpServer {
  const server = new McpServer(
    { name: definition.name, title: definition.title, version: COCKPIT_MCP_VERSION },
    { instructions: definition.instructions },
  );

  for (const tool of definition.tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: `${tool.description}${accessNote(tool.access)}`,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: { title: tool.title, ...tool.hints },
      },
      (input: unknown) => callTool(tool, actor, input, onError),
    );
  }

  for (const resource of definition.resources) {
    const read = async (uri: URL, variables: Record<string, string | string[]>) => {
      const value = await guarded(
        resource.access,
        actor,
        () => resource.read(actor, flatten(variables)),
        onError,
      );
      if (!value.ok) throw new Error(value.error);
      return {
        contents: [
          { uri: uri.href, mimeType: resource.mimeType, text: JSON.stringify(value.value, null, 2) },
        ],
      };
    };
    const metadata = {
      title: resource.title,
      description: resource.description,
      mimeType: resource.mimeType,
    };
    if (resource.uri.includes('{')) {
      server.registerResource(
        resource.name,
        new ResourceTemplate(resource.uri, { list: undefined }),
        metadata,
        (uri, vars) => read(uri, vars),
      );
    } else {
      server.registerResource(resource.name, resource.uri, metadata, (uri) => read(uri, {}));
    }
  }

  for (const prompt of definition.prompts) {
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: prompt.args },
      async (args: unknown): Promise<GetPromptResult> => {
        const text = await guarded(prompt.access, actor, () => prompt.render(actor, args as never), onError);
        if (!text.ok) throw new Error(text.error);
        return { messages: [{ role: 'user', content: { type: 'text', text: text.value } }] };
      },
    );
  }
  return server;
}

async function callTool(
  tool: ToolDefinition,
  actor: Actor,
  input: unknown,
  onError: (error: unknown) => void,
): Promise<CallToolResult> {
  const result = await guarded(tool.access, actor, () => tool.run(actor, input as never), onError);
  if (!result.ok) return { isError: true, content: [{ type: 'text', text: result.error }] };
  const structured = result.value as Record<string, unknown>;
  return {
    content: [{ type: 'text', text: JSON.stringify(structured, null, 2) }],
    structuredContent: structured,
  };
}

/** Access check, then the operation; domain failures and crashes both come back as readable text. */
async function guarded<T>(
  access: Access,
  actor: Actor,
  work: () => Promise<Result<T>>,
  onError: (error: unknown) => void,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  const allowed = checkAccess(access, actor);
  if (!allowed.ok) return { ok: false, error: `${allowed.error.code}: ${allowed.error.message}` };
  try {
    const result = await work();
    if (result.ok) return { ok: true, value: result.value };
    const fields = result.error.fields.map((f) => ` (${f.path}: ${f.message})`).join('');
    return { ok: false, error: `${result.error.code}: ${result.error.message}${fields}` };
  } catch (error) {
    onError(error);
    return { ok: false, error: 'internal: an unexpected error occurred' };
  }
}

const accessNote = (access: Access): string =>
  access === 'public' || access === 'optional' || access === 'authenticated'
    ? ''
    : ` Requires the ${access} role.`;

const flatten = (variables: Record<string, string | string[]>): Record<string, string> =>
  Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : v]));
