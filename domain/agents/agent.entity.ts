import { DomainError, type FieldError } from '../shared/domain-error';
import { type Result, err, ok } from '../shared/result';
import { isPermission, permits } from './iam';

export const AGENT_LEVELS = ['L1', 'L2', 'L3'] as const;
/** L3 plans and delegates, L2 specialists own a domain, L1 workers do one task for their L2. */
export type AgentLevel = (typeof AGENT_LEVELS)[number];

export const AGENT_STATUSES = ['active', 'disabled'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** What an agent is good at, in the shape A2A agent cards publish. */
export interface AgentSkill {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly examples: readonly string[];
}

export interface AgentProps {
  /** `EPA`, `DOA`, or for a worker `DOA.L1.<task key>`. */
  readonly code: string;
  readonly name: string;
  readonly level: AgentLevel;
  readonly role: string;
  readonly description: string;
  readonly skills: readonly AgentSkill[];
  /** Action names (`cost.analyze`) or `prefix.*` wildcards: the agent's whole IAM grant. */
  readonly permissions: readonly string[];
  /** An L1's L2; null above. */
  readonly parent: string | null;
  readonly status: AgentStatus;
}

const CODE = /^[A-Z]{2,8}(\.L1\.[\w.:-]{1,100})?$/;

/** An agent of the hierarchy. Immutable: status changes return a new agent. */
export class Agent {
  private constructor(private readonly props: AgentProps) {}

  static create(props: AgentProps): Result<Agent> {
    const fields: FieldError[] = [];
    if (!CODE.test(props.code)) fields.push({ path: 'code', message: 'not an agent code' });
    if (props.name.trim() === '') fields.push({ path: 'name', message: 'required' });
    props.permissions.forEach((p, i) => {
      if (!isPermission(p)) fields.push({ path: `permissions.${i}`, message: `"${p}" is not a permission` });
    });
    const isWorker = props.level === 'L1';
    if (isWorker !== (props.parent !== null)) {
      fields.push({ path: 'parent', message: 'an L1 worker has a parent L2; no other level has one' });
    }
    if (isWorker && !props.code.startsWith(`${props.parent}.L1.`)) {
      fields.push({ path: 'code', message: 'a worker code starts with its parent code and ".L1."' });
    }
    if (fields.length > 0) return err(DomainError.validation('invalid agent', fields));
    return ok(
      new Agent({
        ...props,
        skills: props.skills.map((s) => ({ ...s, tags: [...s.tags], examples: [...s.examples] })),
        permissions: [...new Set(props.permissions)],
      }),
    );
  }

  get code(): string {
    return this.props.code;
  }
  get name(): string {
    return this.props.name;
  }
  get level(): AgentLevel {
    return this.props.level;
  }
  get role(): string {
    return this.props.role;
  }
  get description(): string {
    return this.props.description;
  }
  get skills(): readonly AgentSkill[] {
    return this.props.skills;
  }
  /** Skill ids: the short list of what the agent can do. */
  get capabilities(): readonly string[] {
    return this.props.skills.map((s) => s.id);
  }
  get permissions(): readonly string[] {
    return this.props.permissions;
  }
  get parent(): string | null {
    return this.props.parent;
  }
  get status(): AgentStatus {
    return this.props.status;
  }
  get isActive(): boolean {
    return this.props.status === 'active';
  }

  /** Whether the grant covers the action; says nothing about the agent being active. */
  holds(action: string): boolean {
    return permits(this.props.permissions, action);
  }

  disable(): Agent {
    return this.withStatus('disabled');
  }

  enable(): Agent {
    return this.withStatus('active');
  }

  private withStatus(status: AgentStatus): Agent {
    return status === this.props.status ? this : new Agent({ ...this.props, status });
  }
}
