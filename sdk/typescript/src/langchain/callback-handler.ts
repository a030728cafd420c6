import { type Usage, errorValue, usageOf } from '../json-value';
import { type Run, type StepKind } from '../run';
import { GATED_METADATA_KEY } from './gate-tool';
import { type SerializedLike, componentName, graphMetadata, parseToolInput, toPlain } from './plain';

interface OpenStep {
  readonly kind: StepKind;
  readonly stepId: string;
  readonly parentId: string | undefined;
  readonly name: string;
  readonly startedAt: Date;
  readonly input: unknown;
  readonly model?: string;
  readonly modelParams?: Record<string, unknown>;
  readonly tool?: string;
  readonly metadata: Record<string, unknown>;
}

export interface CockpitCallbackOptions {
  /** The run steps are recorded in, or a function returning it. */
  readonly run: Run | (() => Run);
  /** Parent step of the top-level LangChain runs. */
  readonly parentId?: string;
  /** Record chains and graph nodes as `custom` steps (so the step tree mirrors the graph); default true. */
  readonly recordChains?: boolean;
}

/** LangChain's tag for internal runnables (LangGraph channel writes, ...). */
const HIDDEN_TAG = 'langsmith:hidden';

/**
 * Records LangChain runs as Cockpit steps: chat models and LLMs as `model` steps (with token usage),
 * tools as `tool`, retrievers as `retrieval`, chains and graph nodes as `custom`; a step's parent is
 * the step of its LangChain parent run. Pass it as a callback: `{ callbacks: [handler] }`.
 */
export class CockpitCallbackHandler {
  // The fields LangChain's CallbackManager reads from a handler (BaseCallbackHandler's defaults, but
  // awaited: recording only queues a step, and the steps are then complete when invoke() returns).
  readonly name = 'CockpitCallbackHandler';
  readonly ignoreLLM = false;
  readonly ignoreChain = false;
  readonly ignoreAgent = false;
  readonly ignoreRetriever = false;
  readonly ignoreCustomEvent = true;
  readonly raiseError = false;
  readonly awaitHandlers = true;

  private readonly open = new Map<string, OpenStep>();
  /** LangChain run id → the step that stands for it (its own, or its nearest recorded ancestor's). */
  private readonly steps = new Map<string, string | undefined>();

  constructor(private readonly options: CockpitCallbackOptions) {}

  /** LangChain copies handlers into child managers; state is shared, so a copy is this handler. */
  copy(): this {
    return this;
  }

  /** The Cockpit step id that stands for a LangChain run id. */
  stepIdFor(langchainRunId: string | undefined): string | undefined {
    if (!langchainRunId) return this.options.parentId;
    return this.steps.has(langchainRunId) ? this.steps.get(langchainRunId) : `lc:${langchainRunId}`;
  }

  handleChainStart(
    chain: SerializedLike,
    inputs: unknown,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    _runType?: string,
    runName?: string,
  ): void {
    if (!(this.options.recordChains ?? true) || tags?.includes(HIDDEN_TAG)) {
      this.steps.set(runId, this.stepIdFor(parentRunId));
      return;
    }
    this.start(
      runId,
      parentRunId,
      'custom',
      runName ?? componentName(chain, 'chain'),
      toPlain(inputs),
      metadata,
    );
  }

  handleChainEnd(outputs: unknown, runId: string): void {
    this.end(runId, { output: toPlain(outputs) });
  }

  handleChainError(error: unknown, runId: string): void {
    this.end(runId, { error });
  }

  handleLLMStart(
    llm: SerializedLike,
    prompts: string[],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    this.startModel(llm, { prompts }, runId, parentRunId, extraParams, metadata, runName);
  }

  handleChatModelStart(
    llm: SerializedLike,
    messages: unknown[][],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    const input = { messages: toPlain(messages.length === 1 ? messages[0] : messages) };
    this.startModel(llm, input, runId, parentRunId, extraParams, metadata, runName);
  }

  handleLLMEnd(
    output: { generations?: unknown[][]; llmOutput?: Record<string, unknown> },
    runId: string,
  ): void {
    const generations = (output.generations ?? []).flat() as { text?: string; message?: unknown }[];
    const outputs = generations.map((g) => (g.message !== undefined ? toPlain(g.message) : g.text));
    const message = generations[0]?.message as
      { usage_metadata?: unknown; response_metadata?: Record<string, unknown> } | undefined;
    const llmOutput = output.llmOutput ?? {};
    const usage: Usage | undefined =
      usageOf(llmOutput.tokenUsage) ??
      usageOf(llmOutput.estimatedTokenUsage) ??
      usageOf(message?.usage_metadata) ??
      usageOf(llmOutput.usage);
    const model = message?.response_metadata?.model_name ?? message?.response_metadata?.model;
    this.end(runId, {
      output: outputs.length === 1 ? outputs[0] : outputs,
      usage,
      model: typeof model === 'string' ? model : undefined,
    });
  }

  handleLLMError(error: unknown, runId: string): void {
    this.end(runId, { error });
  }

  handleToolStart(
    tool: SerializedLike,
    input: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
    toolCallId?: string,
  ): void {
    if (metadata?.[GATED_METADATA_KEY] === true) {
      // gateTool reports this call itself, under this id, with its decision token.
      this.steps.set(runId, `lc:${runId}`);
      return;
    }
    const name = runName ?? componentName(tool, 'tool');
    const extra = toolCallId ? { tool_call_id: toolCallId } : {};
    this.start(runId, parentRunId, 'tool', name, parseToolInput(input), metadata, { tool: name }, extra);
  }

  handleToolEnd(output: unknown, runId: string): void {
    this.end(runId, { output: toPlain(output) });
  }

  handleToolError(error: unknown, runId: string): void {
    this.end(runId, { error });
  }

  handleRetrieverStart(
    retriever: SerializedLike,
    query: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    name?: string,
  ): void {
    this.start(
      runId,
      parentRunId,
      'retrieval',
      name ?? componentName(retriever, 'retriever'),
      { query },
      metadata,
    );
  }

  handleRetrieverEnd(documents: unknown[], runId: string): void {
    this.end(runId, { output: toPlain(documents) });
  }

  handleRetrieverError(error: unknown, runId: string): void {
    this.end(runId, { error });
  }

  private get run(): Run {
    return typeof this.options.run === 'function' ? this.options.run() : this.options.run;
  }

  private startModel(
    llm: SerializedLike,
    input: unknown,
    runId: string,
    parentRunId: string | undefined,
    extraParams: Record<string, unknown> | undefined,
    metadata: Record<string, unknown> | undefined,
    runName: string | undefined,
  ): void {
    const params = extraParams?.invocation_params as Record<string, unknown> | undefined;
    const candidates = [params?.model, params?.model_name, params?.modelName, metadata?.ls_model_name];
    const model = candidates.find((c): c is string => typeof c === 'string' && c !== '');
    const { tools: _tools, functions: _functions, ...modelParams } = params ?? {};
    this.start(runId, parentRunId, 'model', runName ?? componentName(llm, 'llm'), input, metadata, {
      model,
      modelParams: params ? (toPlain(modelParams) as Record<string, unknown>) : undefined,
    });
  }

  private start(
    runId: string,
    parentRunId: string | undefined,
    kind: StepKind,
    name: string,
    input: unknown,
    metadata: Record<string, unknown> | undefined,
    fields: Partial<Pick<OpenStep, 'model' | 'modelParams' | 'tool'>> = {},
    extraMetadata: Record<string, unknown> = {},
  ): void {
    const stepId = `lc:${runId}`;
    this.steps.set(runId, stepId);
    this.open.set(runId, {
      kind,
      stepId,
      parentId: this.stepIdFor(parentRunId),
      name,
      startedAt: new Date(),
      input,
      ...fields,
      metadata: { langchain_run_id: runId, ...graphMetadata(metadata), ...extraMetadata },
    });
  }

  private end(
    runId: string,
    result: { output?: unknown; error?: unknown; usage?: Usage; model?: string },
  ): void {
    const open = this.open.get(runId);
    this.steps.delete(runId);
    if (!open) return;
    this.open.delete(runId);
    this.run.step({
      id: open.stepId,
      kind: open.kind,
      name: open.name,
      parentId: open.parentId,
      startedAt: open.startedAt,
      endedAt: new Date(),
      model: open.model ?? result.model,
      modelParams: open.modelParams,
      tool: open.tool,
      input: open.input,
      output: result.output,
      usage: result.usage,
      error: result.error === undefined ? undefined : errorValue(result.error),
      metadata: open.metadata,
    });
  }
}
