import { type NodeRun } from '../workflows/node-handler';

/**
 * Step ids of one node, the same on every delivery of an attempt, so a redelivered node never adds
 * a step twice (the run store answers a known id as a duplicate). The delegation is told once per
 * node; what the action did, once per attempt.
 */
export const taskStepIds = (run: Pick<NodeRun, 'node'>) => {
  const attempt = `${run.node.key}:a${run.node.attempt}`;
  return {
    delegation: `${run.node.key}:delegate`,
    denial: `${run.node.key}:denied`,
    attempt,
    tool: `${attempt}:tool`,
    nested: (id: string) => `${attempt}:${id}`,
  };
};

/** The label of an `agent.task` node; the agents list reads an agent's work back from it. */
export const taskLabel = (agent: string, action: string): string => `${agent}: ${action}`;

const LABEL = /^([A-Z]{2,8}): ([a-z][\w.]*)$/;

export function parseTaskLabel(label: string | null): { agent: string; action: string } | null {
  const match = label ? LABEL.exec(label) : null;
  return match ? { agent: match[1] as string, action: match[2] as string } : null;
}
