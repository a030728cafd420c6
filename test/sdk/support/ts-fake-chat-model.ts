import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { type ChatResult } from '@langchain/core/outputs';

/**
 * A chat model that answers a script of AIMessages (with tool calls and usage_metadata), like a
 * provider SDK would: FakeListChatModel reports no token usage, which the Cockpit handler must record.
 */
export class ScriptedChatModel extends BaseChatModel {
  private turn = 0;

  constructor(
    private readonly script: AIMessage[],
    readonly model = 'scripted-model-1',
  ) {
    super({});
  }

  _llmType(): string {
    return 'scripted';
  }

  override invocationParams() {
    return { model: this.model, temperature: 0 };
  }

  /** Tools are in the script already; binding them changes nothing. */
  override bindTools(): this {
    return this;
  }

  async _generate(_messages: BaseMessage[]): Promise<ChatResult> {
    const message = this.script[Math.min(this.turn++, this.script.length - 1)]!;
    return { generations: [{ text: typeof message.content === 'string' ? message.content : '', message }] };
  }
}

export const aiMessage = (
  content: string,
  usage: { input: number; output: number },
  toolCalls: { name: string; args: Record<string, unknown>; id: string }[] = [],
) =>
  new AIMessage({
    content,
    tool_calls: toolCalls.map((call) => ({ ...call, type: 'tool_call' as const })),
    usage_metadata: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  });
