import type { Kysely, Updateable } from 'kysely';
import type { DB, UserProfileTable, UserRow, UserTable } from '../../infra/db/schema.js';
import { toJson } from '../../infra/db/dialect.js';
import type { FileStore } from '../../infra/files/file-store.js';
import { DriveFilesRepo } from '../drive/drive-files.repo.js';
import { fileUrls } from '../drive/file-entity.js';
import { DomainError } from '../errors.js';
import type { RolePolicies } from '../roles/policies.js';
import type { FollowService } from '../social/follow.service.js';
import type { ProfileExtraColumns } from './profile-extras.js';
import type { ProfilesRepo } from './profiles.repo.js';
import { settingsOf, type UserSettings } from './settings.js';

/** The profile fields `i/update` may change; absent = unchanged. */
export interface ProfilePatch extends Partial<Omit<UserSettings, 'mutedWords' | 'hardMutedWords'>> {
  name?: string | null;
  description?: string | null;
  location?: string | null;
  birthday?: string | null;
  lang?: string | null;
  fields?: { name: string; value: string }[];
  avatarId?: string | null;
  bannerId?: string | null;
  isLocked?: boolean;
  isExplorable?: boolean;
  hideOnlineStatus?: boolean;
  isBot?: boolean;
  isCat?: boolean;
  /** Words as lists (AND) or `/regexp/flags` strings. */
  mutedWords?: (string[] | string)[];
  hardMutedWords?: (string[] | string)[];
}

const SETTING_KEYS = [
  'followedMessage', 'publicReactions', 'carefulBot', 'autoAcceptFollowed', 'noCrawle', 'preventAiLearning',
  'injectFeaturedNote', 'receiveAnnouncementEmail', 'alwaysMarkNsfw', 'autoSensitive', 'followingVisibility',
  'followersVisibility', 'chatScope', 'mutedInstances', 'notificationRecieveConfig', 'emailNotificationTypes',
  'requireSigninToViewContents', 'makeNotesFollowersOnlyBefore', 'makeNotesHiddenBefore',
] as const satisfies readonly (keyof UserSettings)[];
const USER_FLAGS = ['isLocked', 'isExplorable', 'hideOnlineStatus', 'isBot', 'isCat'] as const;
const PROFILE_TEXTS = ['description', 'location', 'birthday', 'lang'] as const;

/** Applies an `i/update` patch to a local user, with Misskey's normalisation and checks. */
export class ProfileUpdater {
  readonly #files: DriveFilesRepo;

  constructor(
    db: Kysely<DB>,
    private readonly repo: ProfilesRepo,
    private readonly store: FileStore,
    private readonly follows: FollowService,
  ) {
    this.#files = new DriveFilesRepo(db);
  }

  /**
   * Validates and writes the patch, with `extra` columns already checked by ProfileExtras;
   * throws `profile.*` DomainErrors and changes nothing on failure.
   */
  async update(me: UserRow, currentSettings: string | undefined, patch: ProfilePatch, policies: RolePolicies, extra?: ProfileExtraColumns): Promise<void> {
    const user: Updateable<UserTable> = { updatedAt: Date.now() };
    const profile: Updateable<UserProfileTable> = {};
    if (patch.name !== undefined) user.name = patch.name?.trim() || null;
    for (const key of USER_FLAGS) if (patch[key] !== undefined) user[key] = patch[key];
    for (const key of PROFILE_TEXTS) if (patch[key] !== undefined) profile[key] = patch[key];
    if (patch.fields !== undefined) {
      const fields = patch.fields.map((f) => ({ name: f.name.trim(), value: f.value.trim() })).filter((f) => f.name !== '' && f.value !== '');
      profile.fields = toJson(fields);
    }

    if (patch.alwaysMarkNsfw !== undefined && policies.alwaysMarkNsfw) throw new DomainError('profile.restrictedByRole');
    if ((patch.avatarId || patch.bannerId) && !policies.canUpdateBioMedia) throw new DomainError('profile.restrictedByRole');
    const settings: Partial<UserSettings> = {};
    for (const key of SETTING_KEYS) if (patch[key] !== undefined) Object.assign(settings, { [key]: patch[key] });
    for (const key of ['mutedWords', 'hardMutedWords'] as const) {
      const words = patch[key];
      if (words === undefined) continue;
      checkMutedWords(words, policies.wordMuteLimit);
      settings[key] = words as string[][];
    }
    if (Object.keys(settings).length > 0) profile.settings = toJson({ ...settingsOf({ settings: currentSettings ?? '{}' }), ...settings });

    const images = {
      ...(patch.avatarId !== undefined ? await this.#image(me, 'avatar', patch.avatarId) : {}),
      ...(patch.bannerId !== undefined ? await this.#image(me, 'banner', patch.bannerId) : {}),
    };
    if (patch.avatarId !== undefined) user.avatarId = patch.avatarId;
    if (patch.bannerId !== undefined) user.bannerId = patch.bannerId;
    await this.repo.update(me.id, user, { ...profile, ...extra?.profile }, { ...images, ...extra?.images });
    // Unlocking an account lets everyone who asked in.
    if (me.isLocked && patch.isLocked === false) await this.follows.acceptAllRequests(me);
  }

  /** The URL columns for a new avatar or banner (cleared when `fileId` is null). */
  async #image(me: UserRow, kind: 'avatar' | 'banner', fileId: string | null): Promise<Record<string, string | null>> {
    if (fileId === null) return { [`${kind}Url`]: null, [`${kind}Blurhash`]: null };
    const file = await this.#files.findById(fileId);
    if (!file || file.userId !== me.id) throw new DomainError(`profile.no${kind === 'avatar' ? 'Avatar' : 'Banner'}`);
    if (!file.type.startsWith('image/')) throw new DomainError(`profile.${kind}NotImage`);
    return { [`${kind}Url`]: fileUrls(file, this.store).url, [`${kind}Blurhash`]: file.blurhash };
  }
}

/** Misskey's muted-word rules: regexps must compile, and the whole list must fit the role's limit. */
function checkMutedWords(words: (string[] | string)[], limit: number): void {
  const length = words.reduce<number>((n, w) => n + (typeof w === 'string' ? w.length : w.join('').length), 0);
  if (length > limit) throw new DomainError('profile.tooManyMutedWords');
  for (const word of words) {
    if (typeof word !== 'string') continue;
    const match = /^\/(.+)\/(.*)$/.exec(word);
    if (!match) throw new DomainError('profile.invalidRegexp');
    try {
      new RegExp(match[1]!, match[2]);
    } catch {
      throw new DomainError('profile.invalidRegexp');
    }
  }
}
