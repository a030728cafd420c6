import { type ZodObject, type ZodType, type z } from 'zod';
import { type Actor } from '../../application/shared/actor';
import { type Access } from '../../application/shared/authorize';
import { type Result } from '../../domain/shared/result';

/** Honest behaviour hints for clients (MCP ToolAnnotations). */
export interface ToolHints {
  readonly readOnlyHint: boolean;
  readonly destructiveHint?: boolean;
  readonly idempotentHint?: boolean;
  readonly openWorldHint?: boolean;
}

/**
 * One MCP tool over one use case. Input and output are the zod schemas the HTTP API uses, so the
 * tool's JSON Schemas, validation and `structuredContent` match the REST shapes.
 */
export interface ToolDefinition<I extends ZodObject = ZodObject, O extends ZodType = ZodType> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: I;
  readonly output: O;
  readonly hints: ToolHints;
  /** Checked with the same rule as the HTTP routes before the handler runs. */
  readonly access: Access;
  run(actor: Actor, input: z.infer<I>): Promise<Result<z.infer<O>>>;
}

export interface ResourceDefinition {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** A fixed URI (`cockpit://identity`) or an RFC 6570 template (`run://{id}`). */
  readonly uri: string;
  readonly mimeType: string;
  readonly access: Access;
  read(actor: Actor, variables: Readonly<Record<string, string>>): Promise<Result<unknown>>;
}

export interface PromptDefinition<A extends ZodObject = ZodObject> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly args: A;
  readonly access: Access;
  render(actor: Actor, args: z.infer<A>): Promise<Result<string>>;
}

export interface McpServerDefinition {
  /** Also the path segment: `/mcp/<name>`, and the argument of `cockpit mcp <name>`. */
  readonly name: string;
  readonly title: string;
  readonly instructions: string;
  readonly tools: readonly ToolDefinition[];
  readonly resources: readonly ResourceDefinition[];
  readonly prompts: readonly PromptDefinition[];
}

/** Keeps each tool's input and output types tied together where it is written. */
export const defineTool = <I extends ZodObject, O extends ZodType>(
  tool: ToolDefinition<I, O>,
): ToolDefinition => tool as unknown as ToolDefinition;

export const definePrompt = <A extends ZodObject>(prompt: PromptDefinition<A>): PromptDefinition =>
  prompt as unknown as PromptDefinition;
