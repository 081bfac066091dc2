import type { entities } from 'misskey-js';
import { fromJson } from '../../infra/db/dialect.js';
import type { UserProfileRow } from '../../infra/db/schema.js';

type MeDetailed = entities.MeDetailed;

/** Preferences kept in user_profile.settings, with Misskey's defaults. */
export interface UserSettings {
  mutedWords: string[][];
  hardMutedWords: string[][];
  mutedInstances: string[];
  notificationRecieveConfig: MeDetailed['notificationRecieveConfig'];
  emailNotificationTypes: string[];
  publicReactions: boolean;
  followingVisibility: 'public' | 'followers' | 'private';
  followersVisibility: 'public' | 'followers' | 'private';
  chatScope: 'everyone' | 'following' | 'followers' | 'mutual' | 'none';
  injectFeaturedNote: boolean;
  receiveAnnouncementEmail: boolean;
  alwaysMarkNsfw: boolean;
  autoSensitive: boolean;
  carefulBot: boolean;
  autoAcceptFollowed: boolean;
  noCrawle: boolean;
  preventAiLearning: boolean;
  followedMessage: string | null;
  requireSigninToViewContents: boolean;
  makeNotesFollowersOnlyBefore: number | null;
  makeNotesHiddenBefore: number | null;
}

/** Misskey's defaults for a new account. */
export const DEFAULT_USER_SETTINGS: UserSettings = {
  mutedWords: [],
  hardMutedWords: [],
  mutedInstances: [],
  notificationRecieveConfig: {},
  emailNotificationTypes: ['follow', 'receiveFollowRequest'],
  publicReactions: true,
  followingVisibility: 'public',
  followersVisibility: 'public',
  chatScope: 'mutual',
  injectFeaturedNote: true,
  receiveAnnouncementEmail: true,
  alwaysMarkNsfw: false,
  autoSensitive: false,
  carefulBot: false,
  autoAcceptFollowed: true,
  noCrawle: false,
  preventAiLearning: true,
  followedMessage: null,
  requireSigninToViewContents: false,
  makeNotesFollowersOnlyBefore: null,
  makeNotesHiddenBefore: null,
};

/** A user's settings: stored values over the defaults. */
export function settingsOf(profile: Pick<UserProfileRow, 'settings'> | undefined): UserSettings {
  return { ...DEFAULT_USER_SETTINGS, ...fromJson<Partial<UserSettings>>(profile?.settings, {}) };
}
