import { ApiKeyModel } from './api-key.model';
import { InviteModel } from './invite.model';
import { MembershipModel } from './membership.model';
import { ProjectModel } from './project.model';
import { RefreshTokenModel, SessionModel } from './session.model';
import { TenantModel } from './tenant.model';
import { UserModel } from './user.model';

export const MODELS = [
  TenantModel,
  UserModel,
  MembershipModel,
  ProjectModel,
  ApiKeyModel,
  InviteModel,
  SessionModel,
  RefreshTokenModel,
];
