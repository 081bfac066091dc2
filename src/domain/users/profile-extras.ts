import type { Updateable } from 'kysely';
import { toJson } from '../../infra/db/dialect.js';
import type { UserImageRow, UserProfileTable, UserRow } from '../../infra/db/schema.js';
import { DomainError } from '../errors.js';
import type { RolePolicies } from '../roles/policies.js';
import { parseAcct } from './acct.js';
import type { AvatarDecorationsService, RequestedDecoration } from './avatar-decorations.service.js';
import type { UsersRepo } from './users.repo.js';

/** The i/update fields that need lookups elsewhere: decorations, the pinned page, aliases. */
export interface ProfileExtrasPatch {
  avatarDecorations?: RequestedDecoration[];
  /** Pages do not exist here: only null (unpin) is accepted. */
  pinnedPageId?: string | null;
  /** Acct strings of the user's other accounts. */
  alsoKnownAs?: string[];
}

/** Column values ready for ProfilesRepo.update. */
export interface ProfileExtraColumns {
  profile: Updateable<UserProfileTable>;
  images: Partial<Pick<UserImageRow, 'avatarDecorations'>>;
}

/** Checks the extra i/update fields with Misskey's rules and turns them into columns; writes nothing. */
export class ProfileExtras {
  constructor(
    private readonly users: UsersRepo,
    private readonly decorations: AvatarDecorationsService,
    /** This server's public URL (local accounts' URIs are built from it). */
    private readonly publicUrl: () => string,
  ) {}

  /** Throws `profile.*` DomainErrors for a refused value. */
  async prepare(me: UserRow, patch: ProfileExtrasPatch, policies: RolePolicies): Promise<ProfileExtraColumns> {
    const columns: ProfileExtraColumns = { profile: {}, images: {} };
    if (patch.avatarDecorations !== undefined) {
      columns.images.avatarDecorations = toJson(await this.decorations.choose(patch.avatarDecorations, policies));
    }
    // compat: Misskey looks the page up; Tsubame has no pages, so every id is unknown.
    if (patch.pinnedPageId) throw new DomainError('profile.noSuchPage');
    if (patch.alsoKnownAs !== undefined) {
      const uris = await this.#aliasUris(me, patch.alsoKnownAs);
      columns.profile.alsoKnownAs = uris.length > 0 ? toJson(uris) : null;
    }
    return columns;
  }

  /** The URIs of the named accounts, without duplicates, as Misskey stores alsoKnownAs. */
  async #aliasUris(me: UserRow, accts: readonly string[]): Promise<string[]> {
    const uris = new Set<string>();
    const localHost = new URL(this.publicUrl()).host.toLowerCase();
    for (const text of accts) {
      if (text === '') throw new DomainError('profile.noSuchUser');
      const { username, host } = parseAcct(text);
      // compat: Misskey resolves a remote account over WebFinger; without federation the
      // lookup fails, and Misskey answers a failed lookup with NO_SUCH_USER.
      if (host !== null && host.toLowerCase() !== localHost) throw new DomainError('profile.noSuchUser');
      const user = await this.users.findByUsername(username, null);
      if (!user) throw new DomainError('profile.noSuchUser');
      if (user.id === me.id) throw new DomainError('profile.aliasIsSelf');
      uris.add(`${this.publicUrl()}/users/${user.id}`);
    }
    return [...uris];
  }
}
