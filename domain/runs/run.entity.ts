import { DomainError } from '../shared/domain-error';
import { type Result, err, ok } from '../shared/result';
import { type TenantId } from '../shared/tenant-id';
import { type FinalRunStatus, type RunStatus } from './step-kind';

/** Totals kept on the run as steps land, so listings never scan steps. */
export interface RunStats {
  readonly stepCount: number;
  readonly toolCount: number;
  readonly errorCount: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly models: readonly string[];
  readonly tools: readonly string[];
}

export const EMPTY_STATS: RunStats = {
  stepCount: 0,
  toolCount: 0,
  errorCount: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  models: [],
  tools: [],
};

export interface RunProps {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly projectId: string;
  readonly name: string | null;
  readonly status: RunStatus;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly tags: readonly string[];
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly stats: RunStats;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One execution of an agent: the container of its append-only steps. */
export class Run {
  private constructor(private readonly props: RunProps) {}

  static start(input: {
    tenantId: TenantId;
    id: string;
    projectId: string;
    name?: string | null;
    startedAt?: Date;
    tags?: readonly string[];
    metadata?: Readonly<Record<string, unknown>>;
    now: Date;
  }): Run {
    return new Run({
      tenantId: input.tenantId,
      id: input.id,
      projectId: input.projectId,
      name: input.name?.trim() || null,
      status: 'running',
      startedAt: input.startedAt ?? input.now,
      endedAt: null,
      tags: [...new Set(input.tags ?? [])].sort(),
      metadata: input.metadata ?? {},
      stats: EMPTY_STATS,
      createdAt: input.now,
      updatedAt: input.now,
    });
  }

  static restore(props: RunProps): Run {
    return new Run(props);
  }

  get tenantId(): TenantId {
    return this.props.tenantId;
  }
  get id(): string {
    return this.props.id;
  }
  get projectId(): string {
    return this.props.projectId;
  }
  get name(): string | null {
    return this.props.name;
  }
  get status(): RunStatus {
    return this.props.status;
  }
  get startedAt(): Date {
    return this.props.startedAt;
  }
  get endedAt(): Date | null {
    return this.props.endedAt;
  }
  get durationMs(): number | null {
    return this.props.endedAt ? this.props.endedAt.getTime() - this.props.startedAt.getTime() : null;
  }
  get tags(): readonly string[] {
    return this.props.tags;
  }
  get metadata(): Readonly<Record<string, unknown>> {
    return this.props.metadata;
  }
  get stats(): RunStats {
    return this.props.stats;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }
  get isFinished(): boolean {
    return this.props.status !== 'running';
  }

  rename(name: string | null, now: Date): Run {
    const next = name?.trim() || null;
    return next === this.props.name ? this : new Run({ ...this.props, name: next, updatedAt: now });
  }

  /**
   * Finishing is idempotent: the same finish again (same status, and the same end time when one is
   * given) returns the run unchanged; a different outcome for an already finished run is a conflict.
   */
  finish(
    status: FinalRunStatus,
    endedAt: Date | undefined,
    now: Date,
  ): Result<{ run: Run; changed: boolean }> {
    if (this.isFinished) {
      const sameStatus = this.props.status === status;
      const sameEnd = endedAt === undefined || this.props.endedAt?.getTime() === endedAt.getTime();
      if (sameStatus && sameEnd) return ok({ run: this, changed: false });
      return err(
        DomainError.conflict(
          `run ${this.id} already finished as ${this.props.status} at ${this.props.endedAt?.toISOString()}`,
          'run_already_finished',
        ),
      );
    }
    const end = endedAt ?? now;
    if (end < this.props.startedAt) {
      const message = 'ended_at is before the run started';
      return err(DomainError.validation(message, [{ path: 'ended_at', message }]));
    }
    return ok({ run: new Run({ ...this.props, status, endedAt: end, updatedAt: now }), changed: true });
  }
}
