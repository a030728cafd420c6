import { randomUUID } from 'node:crypto';
import { call } from './http';
import { type TestApp } from './test-app';

let clock = Date.parse('2026-11-20T10:00:00.000Z');

/** Strictly increasing timestamps, so step order is unambiguous in tests. */
export const tick = (ms = 10): string => new Date((clock += ms)).toISOString();

export function aStep(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `s-${randomUUID().slice(0, 8)}`,
    kind: 'tool',
    name: 'lookup',
    tool: 'search',
    started_at: tick(),
    ended_at: tick(5),
    input: { query: 'weather in Paris' },
    output: { result: 'sunny' },
    ...overrides,
  };
}

export async function startRun(app: TestApp, auth: string, body: Record<string, unknown> = {}) {
  const reply = await call(app, 'POST', '/v1/runs', {
    auth,
    body: { name: 'test run', started_at: tick(), ...body },
  });
  if (reply.status !== 201)
    throw new Error(`run creation failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as { id: string; project_id: string };
}

export const postSteps = (app: TestApp, auth: string, runId: string, steps: unknown[]) =>
  call(app, 'POST', `/v1/runs/${runId}/steps`, { auth, body: { steps } });
