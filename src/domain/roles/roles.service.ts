import type { UserRow } from '../../infra/db/schema.js';
import type { MetaService } from '../instance/meta.service.js';
import { DEFAULT_POLICIES, type RolePolicies } from './policies.js';

type RoleFlags = Pick<UserRow, 'id' | 'isRoot' | 'isAdmin' | 'isModerator'>;

/** Who holds which role, and the policies that follow. */
export class RolesService {
  constructor(private readonly meta: MetaService) {}

  isAdministrator(user: RoleFlags): boolean {
    return user.isRoot || user.isAdmin;
  }

  /** Administrators are moderators too. */
  isModerator(user: RoleFlags): boolean {
    return this.isAdministrator(user) || user.isModerator;
  }

  /** The effective policies of `user` (anonymous when null): base policies with the instance's overrides. */
  async policiesOf(_user: RoleFlags | null): Promise<RolePolicies> {
    const settings = await this.meta.get();
    return { ...DEFAULT_POLICIES, ...settings.policies };
  }
}
