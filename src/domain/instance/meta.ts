import type { RolePolicies } from '../roles/policies.js';

/** The instance settings an administrator can change (admin/update-meta). Names are Misskey's. */
export interface InstanceSettings {
  name: string | null;
  shortName: string | null;
  description: string | null;
  maintainerName: string | null;
  maintainerEmail: string | null;
  langs: string[];
  iconUrl: string | null;
  app192IconUrl: string | null;
  app512IconUrl: string | null;
  bannerUrl: string | null;
  backgroundImageUrl: string | null;
  logoImageUrl: string | null;
  mascotImageUrl: string | null;
  serverErrorImageUrl: string | null;
  infoImageUrl: string | null;
  notFoundImageUrl: string | null;
  themeColor: string | null;
  defaultDarkTheme: string | null;
  defaultLightTheme: string | null;
  tosUrl: string | null;
  privacyPolicyUrl: string | null;
  inquiryUrl: string | null;
  impressumUrl: string | null;
  repositoryUrl: string | null;
  feedbackUrl: string | null;
  serverRules: string[];
  disableRegistration: boolean;
  /** Usernames nobody may sign up with (compared case-insensitively). */
  preservedUsernames: string[];
  emailRequiredForSignup: boolean;
  enableEmail: boolean;
  enableServiceWorker: boolean;
  enableUrlPreview: boolean;
  cacheRemoteFiles: boolean;
  cacheRemoteSensitiveFiles: boolean;
  notesPerOneAd: number;
  /** Whether `server-info` reveals the machine's CPU, memory and disk. */
  enableServerMachineStats: boolean;
  federation: 'all' | 'specified' | 'none';
  noteSearchableScope: 'local' | 'global';
  clientOptions: { entrancePageStyle: 'classic' | 'simple'; showTimelineForVisitor: boolean; showActivitiesForVisitor: boolean };
  /** Accounts shown by `pinned-users`, in order, as acct strings (`alice`, `@alice`, `@bob@example.com`). */
  pinnedUsers: string[];
  /** Overrides of the base role policies for every user. */
  policies: Partial<RolePolicies>;
  /** The first account; it bypasses role checks as Misskey's root user does. */
  rootUserId: string | null;
}

/** Settings of a fresh instance. */
export const DEFAULT_SETTINGS: InstanceSettings = {
  name: 'Tsubame',
  shortName: null,
  description: null,
  maintainerName: null,
  maintainerEmail: null,
  langs: [],
  iconUrl: null,
  app192IconUrl: null,
  app512IconUrl: null,
  bannerUrl: null,
  backgroundImageUrl: null,
  logoImageUrl: null,
  mascotImageUrl: null,
  serverErrorImageUrl: null,
  infoImageUrl: null,
  notFoundImageUrl: null,
  themeColor: null,
  defaultDarkTheme: null,
  defaultLightTheme: null,
  tosUrl: null,
  privacyPolicyUrl: null,
  inquiryUrl: null,
  impressumUrl: null,
  repositoryUrl: 'https://github.com/tsubame-social/tsubame',
  feedbackUrl: null,
  serverRules: [],
  disableRegistration: false,
  preservedUsernames: [
    'admin', 'administrator', 'root', 'system', 'maintainer', 'host', 'mod', 'moderator', 'owner', 'superuser', 'staff', 'auth', 'i', 'me',
    'everyone', 'all', 'mention', 'mentions', 'example', 'user', 'users', 'account', 'accounts', 'official', 'help', 'helps', 'support',
    'supports', 'info', 'information', 'informations', 'announce', 'announces', 'announcement', 'announcements', 'notice', 'notification',
    'notifications', 'dev', 'developer', 'developers', 'tech', 'misskey',
  ],
  emailRequiredForSignup: false,
  enableEmail: false,
  enableServiceWorker: false,
  enableUrlPreview: true,
  cacheRemoteFiles: false,
  cacheRemoteSensitiveFiles: false,
  notesPerOneAd: 0,
  enableServerMachineStats: false,
  federation: 'none',
  noteSearchableScope: 'local',
  clientOptions: { entrancePageStyle: 'classic', showTimelineForVisitor: true, showActivitiesForVisitor: true },
  pinnedUsers: [],
  policies: {},
  rootUserId: null,
};

/** Fixed limits of this server software (not settings). */
export const LIMITS = {
  maxNoteTextLength: 3000,
  /** Largest upload, in bytes. */
  maxFileSize: 256 * 1024 * 1024,
} as const;
