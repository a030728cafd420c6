import { randomUUID } from 'node:crypto';
import { Role, type SendMessageRequest } from '@a2a-js/sdk';

/** An A2A `SendMessage` request from a user: a text part, and a data part when given. */
export const textMessage = (text: string, data?: Record<string, unknown>): SendMessageRequest => ({
  tenant: '',
  message: {
    messageId: randomUUID(),
    contextId: '',
    taskId: '',
    role: Role.ROLE_USER,
    parts: [
      { content: { $case: 'text', value: text }, mediaType: 'text/plain', filename: '', metadata: undefined },
      ...(data
        ? [
            {
              content: { $case: 'data' as const, value: data },
              mediaType: 'application/json',
              filename: '',
              metadata: undefined,
            },
          ]
        : []),
    ],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  },
  configuration: undefined,
  metadata: undefined,
});
