import { DEFAULT_DIFF_PROFILE, validateDiffProfile } from '../../domain/runs/diff';
import {
  type DiffProfileRecord,
  type DiffProfileRepository,
} from '../../domain/runs/ports/diff-profile-repository.port';
import { DomainError } from '../../domain/shared/domain-error';
import { type Clock } from '../../domain/shared/ports/clock.port';
import { type Result, err, ok } from '../../domain/shared/result';
import { type Actor } from '../shared/actor';
import { authorizeTenant } from '../shared/authorize';
import { type DiffProfileInput } from './diff-profile.view';

/** The built-in profile, shown with the tenant's own ones. */
const BUILT_IN: DiffProfileRecord = {
  name: DEFAULT_DIFF_PROFILE.name,
  ignorePaths: DEFAULT_DIFF_PROFILE.ignore_paths,
  ignoreKeys: DEFAULT_DIFF_PROFILE.ignore_keys,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

export class ListDiffProfilesUseCase {
  constructor(private readonly profiles: DiffProfileRepository) {}

  async execute(actor: Actor): Promise<Result<readonly DiffProfileRecord[]>> {
    const viewer = authorizeTenant(actor, 'viewer');
    if (!viewer.ok) return viewer;
    return ok([BUILT_IN, ...(await this.profiles.list(viewer.value.tenantId))]);
  }
}

/** Creates or replaces a tenant profile; its paths are checked before it is stored. */
export class SaveDiffProfileUseCase {
  constructor(
    private readonly profiles: DiffProfileRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, name: string, input: DiffProfileInput): Promise<Result<DiffProfileRecord>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    const checked = validateDiffProfile({
      name,
      ignore_paths: input.ignore_paths,
      ignore_keys: input.ignore_keys,
    });
    if (!checked.ok) return checked;
    const now = this.clock.now();
    const existing = await this.profiles.find(admin.value.tenantId, name);
    const record: DiffProfileRecord = {
      name,
      ignorePaths: input.ignore_paths,
      ignoreKeys: input.ignore_keys,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.profiles.save(admin.value.tenantId, record);
    return ok(record);
  }
}

export class DeleteDiffProfileUseCase {
  constructor(private readonly profiles: DiffProfileRepository) {}

  async execute(actor: Actor, name: string): Promise<Result<void>> {
    const admin = authorizeTenant(actor, 'admin');
    if (!admin.ok) return admin;
    if (!(await this.profiles.delete(admin.value.tenantId, name)))
      return err(DomainError.notFound('diff profile', name));
    return ok(undefined);
  }
}
