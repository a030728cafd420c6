import { type RunRepository } from '../../domain/runs/ports/run-repository.port';
import { type Run } from '../../domain/runs/run.entity';
import { type Result } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { findVisibleRun } from './run-access';

export class GetRunUseCase {
  constructor(private readonly runs: RunRepository) {}

  async execute(actor: Actor, runId: string): Promise<Result<Run>> {
    const viewer = authorizeTenant(actor, 'viewer');
    if (!viewer.ok) return viewer;
    return findVisibleRun(this.runs, viewer.value, runId);
  }
}
