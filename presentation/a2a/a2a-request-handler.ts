import { randomUUID } from 'node:crypto';
import {
  type AgentCard,
  type Message,
  type Part,
  Role,
  type SendMessageRequest,
  type GetTaskRequest,
  type Task,
  TaskState,
} from '@a2a-js/sdk';
import {
  A2AError,
  ContentTypeNotSupportedError,
  PushNotificationNotSupportedError,
  RequestMalformedError,
  TaskNotFoundError,
  UnsupportedOperationError,
} from '@a2a-js/sdk/errors';
import { type A2ARequestHandler } from '@a2a-js/sdk/server';
import { type Actor } from '../../application/shared/actor';
import { type DomainError, type ErrorCode } from '../../domain/shared/domain-error';
import { type Result } from '../../domain/shared/result';

/** A message as the A2A surface hands it to Cockpit: its text parts joined, its data parts merged. */
export interface A2aInboundMessage {
  readonly text: string;
  readonly data: Record<string, unknown> | null;
  readonly contextId?: string;
  /** Set when the caller continues a task it was given earlier. */
  readonly taskId?: string;
}

export type A2aTaskState =
  'submitted' | 'working' | 'input_required' | 'completed' | 'failed' | 'canceled' | 'rejected';

/**
 * What an agent answers. With a `taskId` (or any state but `completed`) it becomes an A2A Task that
 * `GetTask` can report on later; a `completed` answer without one is a plain agent Message.
 */
export interface A2aReply {
  readonly text: string;
  readonly data: Record<string, unknown>;
  readonly state: A2aTaskState;
  readonly taskId?: string;
  readonly contextId?: string;
}

export type A2aSend = (
  actor: Actor,
  agentCode: string,
  message: A2aInboundMessage,
) => Promise<Result<A2aReply>>;

export type A2aGetTask = (actor: Actor, agentCode: string, taskId: string) => Promise<Result<A2aReply>>;

/**
 * JSON-RPC codes for Cockpit's own failures: outside the range JSON-RPC reserves (-32768..-32000,
 * where A2A has -32001..-32099), and ending in the HTTP status the REST API would answer with.
 */
export const COCKPIT_RPC_CODE: Readonly<Record<Exclude<ErrorCode, 'validation'>, number>> = {
  unauthorized: -31401,
  forbidden: -31403,
  not_found: -31404,
  conflict: -31409,
  gone: -31410,
  unprocessable: -31422,
  upstream: -31502,
  unavailable: -31503,
};

/** Carries its JSON-RPC code through the SDK's error mapping (which honours `envelopeCode`). */
class CockpitRpcError extends A2AError {
  readonly transport = 'jsonrpc';
  constructor(
    message: string,
    readonly envelopeCode: number,
  ) {
    super({ message });
  }
}

const STATES: Readonly<Record<A2aTaskState, TaskState>> = {
  submitted: TaskState.TASK_STATE_SUBMITTED,
  working: TaskState.TASK_STATE_WORKING,
  input_required: TaskState.TASK_STATE_INPUT_REQUIRED,
  completed: TaskState.TASK_STATE_COMPLETED,
  failed: TaskState.TASK_STATE_FAILED,
  canceled: TaskState.TASK_STATE_CANCELED,
  rejected: TaskState.TASK_STATE_REJECTED,
};

/**
 * One agent's A2A methods for one authenticated caller, driven by the SDK's
 * `JsonRpcTransportHandler` (which owns JSON-RPC parsing, the wire format and error envelopes).
 * Tasks are not kept here: they are Cockpit's workflows, so any replica can answer `GetTask`.
 */
export class CockpitA2aRequestHandler implements A2ARequestHandler {
  /** The domain failure behind the last error, so the endpoint can add Cockpit's detail to it. */
  failure: DomainError | null = null;

  constructor(
    private readonly card: AgentCard,
    private readonly agentCode: string,
    private readonly actor: Actor,
    private readonly send: A2aSend,
    private readonly fetchTask: A2aGetTask | undefined,
    private readonly onError: (error: unknown) => void,
  ) {}

  async getAgentCard(): Promise<AgentCard> {
    return this.card;
  }

  async getAuthenticatedExtendedAgentCard(): Promise<AgentCard> {
    throw new UnsupportedOperationError('this agent has no extended agent card');
  }

  async sendMessage(params: SendMessageRequest): Promise<Message | Task> {
    const message = params.message;
    if (!message?.messageId) throw new RequestMalformedError('message.messageId is required');
    const inbound = readInbound(message);
    const result = await this.guard(() => this.send(this.actor, this.agentCode, inbound));
    if (!result.ok) throw this.fail(result.error, inbound.taskId !== undefined);
    const reply = result.value;
    const contextId = inbound.contextId ?? reply.contextId;
    if (reply.taskId === undefined && reply.state === 'completed') {
      return agentMessage(reply, contextId ?? randomUUID(), '');
    }
    const taskId = reply.taskId ?? randomUUID();
    const history = params.configuration?.historyLength === 0 ? [] : [{ ...message, taskId }];
    return this.task(reply, taskId, contextId ?? taskId, history);
  }

  async getTask(params: GetTaskRequest): Promise<Task> {
    if (!params.id.trim()) throw new RequestMalformedError('id is required');
    if (!this.fetchTask) throw new UnsupportedOperationError('this agent does not report on tasks');
    const fetchTask = this.fetchTask;
    const result = await this.guard(() => fetchTask(this.actor, this.agentCode, params.id));
    if (!result.ok) throw this.fail(result.error, true);
    const taskId = result.value.taskId ?? params.id;
    return this.task(result.value, taskId, result.value.contextId ?? taskId, []);
  }

  sendMessageStream(): never {
    // Thrown synchronously, so the SDK answers with an error envelope rather than an event stream.
    throw new UnsupportedOperationError('streaming is not supported: use SendMessage');
  }

  resubscribe(): never {
    throw new UnsupportedOperationError('streaming is not supported: use GetTask');
  }

  async cancelTask(): Promise<Task> {
    throw new UnsupportedOperationError('tasks are canceled from Cockpit, not over A2A');
  }

  async listTasks(): Promise<never> {
    throw new UnsupportedOperationError('ListTasks is not supported: use GetTask');
  }

  async createTaskPushNotificationConfig(): Promise<never> {
    throw new PushNotificationNotSupportedError();
  }

  async getTaskPushNotificationConfig(): Promise<never> {
    throw new PushNotificationNotSupportedError();
  }

  async listTaskPushNotificationConfigs(): Promise<never> {
    throw new PushNotificationNotSupportedError();
  }

  async deleteTaskPushNotificationConfig(): Promise<never> {
    throw new PushNotificationNotSupportedError();
  }

  private task(reply: A2aReply, id: string, contextId: string, history: Message[]): Task {
    const parts = replyParts(reply);
    return {
      id,
      contextId,
      status: {
        state: STATES[reply.state],
        message: agentMessage(reply, contextId, id),
        timestamp: new Date().toISOString(),
      },
      artifacts:
        reply.state === 'completed'
          ? [
              {
                artifactId: 'result',
                name: 'result',
                description: '',
                parts,
                metadata: undefined,
                extensions: [],
              },
            ]
          : [],
      history,
      metadata: { agent: this.agentCode },
    };
  }

  private fail(error: DomainError, aboutTask: boolean): A2AError {
    this.failure = error;
    if (error.code === 'validation') return new RequestMalformedError(error.message);
    if (error.code === 'not_found' && aboutTask) return new TaskNotFoundError(error.message);
    return new CockpitRpcError(error.message, COCKPIT_RPC_CODE[error.code]);
  }

  /** A bug in a callback is logged, and the caller told no more than that it happened. */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      this.onError(error);
      throw new A2AError('the agent failed unexpectedly');
    }
  }
}

function readInbound(message: Message): A2aInboundMessage {
  const texts: string[] = [];
  let data: Record<string, unknown> | null = null;
  for (const part of message.parts) {
    const content = part.content;
    if (content?.$case === 'text') texts.push(content.value);
    else if (content?.$case === 'data') {
      if (!isRecord(content.value)) throw new RequestMalformedError('a data part must hold a JSON object');
      data = { ...(data ?? {}), ...content.value };
    } else {
      throw new ContentTypeNotSupportedError(
        `${content?.$case ?? 'empty'} parts are not supported: send text or JSON data`,
      );
    }
  }
  if (texts.length === 0 && data === null) {
    throw new RequestMalformedError('the message needs a text or data part');
  }
  return {
    text: texts.join('\n'),
    data,
    ...(message.contextId ? { contextId: message.contextId } : {}),
    ...(message.taskId ? { taskId: message.taskId } : {}),
  };
}

function agentMessage(reply: A2aReply, contextId: string, taskId: string): Message {
  return {
    messageId: randomUUID(),
    contextId,
    taskId,
    role: Role.ROLE_AGENT,
    parts: replyParts(reply),
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

function replyParts(reply: A2aReply): Part[] {
  const hasData = Object.keys(reply.data).length > 0;
  const parts: Part[] = [];
  if (reply.text !== '' || !hasData) {
    parts.push({
      content: { $case: 'text', value: reply.text },
      mediaType: 'text/plain',
      filename: '',
      metadata: undefined,
    });
  }
  if (hasData) {
    parts.push({
      content: { $case: 'data', value: reply.data },
      mediaType: 'application/json',
      filename: '',
      metadata: undefined,
    });
  }
  return parts;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
