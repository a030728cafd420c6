import { type Agent, type AgentLevel, type AgentStatus } from '../../domain/agents/agent.entity';
import { ORCHESTRATOR } from '../../domain/agents/roster';

export interface AgentActivityView {
  /** Tasks of the agent queued, running or waiting now, in recent goal and migration workflows. */
  readonly running: number;
  readonly last_task: {
    readonly workflow_id: string;
    readonly node_key: string;
    readonly action: string;
    readonly status: string;
    readonly finished_at: string | null;
  } | null;
}

export interface AgentView {
  readonly code: string;
  readonly name: string;
  readonly level: AgentLevel;
  readonly role: string;
  readonly description: string;
  readonly status: AgentStatus;
  /** An L1's L2 (the entity's parent); an L2 reports to the orchestrator. */
  readonly parent: string | null;
  readonly reports_to: string | null;
  readonly permissions: readonly string[];
  readonly capabilities: readonly string[];
  readonly skills: readonly {
    readonly id: string;
    readonly name: string;
    readonly description: string;
    readonly tags: readonly string[];
    readonly examples: readonly string[];
  }[];
  /** Null when the workflows could not be read. */
  readonly activity: AgentActivityView | null;
}

export const toAgentView = (agent: Agent, activity: AgentActivityView | null): AgentView => ({
  code: agent.code,
  name: agent.name,
  level: agent.level,
  role: agent.role,
  description: agent.description,
  status: agent.status,
  parent: agent.parent,
  reports_to: agent.parent ?? (agent.level === 'L2' ? ORCHESTRATOR : null),
  permissions: [...agent.permissions],
  capabilities: [...agent.capabilities],
  skills: agent.skills.map((s) => ({ ...s, tags: [...s.tags], examples: [...s.examples] })),
  activity,
});
