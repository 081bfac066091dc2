import type { InstanceSettings } from './meta.js';

/** admin/update-meta's fields that Tsubame acts on (Misskey's names; absent = unchanged). */
export interface MetaUpdateParams {
  name?: string | null;
  shortName?: string | null;
  description?: string | null;
  maintainerName?: string | null;
  maintainerEmail?: string | null;
  langs?: string[];
  iconUrl?: string | null;
  app192IconUrl?: string | null;
  app512IconUrl?: string | null;
  bannerUrl?: string | null;
  backgroundImageUrl?: string | null;
  logoImageUrl?: string | null;
  mascotImageUrl?: string | null;
  serverErrorImageUrl?: string | null;
  infoImageUrl?: string | null;
  notFoundImageUrl?: string | null;
  themeColor?: string | null;
  defaultDarkTheme?: string | null;
  defaultLightTheme?: string | null;
  tosUrl?: string | null;
  privacyPolicyUrl?: string | null;
  inquiryUrl?: string | null;
  impressumUrl?: string | null;
  repositoryUrl?: string | null;
  feedbackUrl?: string | null;
  serverRules?: string[];
  disableRegistration?: boolean | null;
  preservedUsernames?: string[];
  pinnedUsers?: string[] | null;
  emailRequiredForSignup?: boolean;
  enableEmail?: boolean;
  enableServiceWorker?: boolean;
  urlPreviewEnabled?: boolean;
  cacheRemoteFiles?: boolean;
  cacheRemoteSensitiveFiles?: boolean;
  notesPerOneAd?: number;
  enableServerMachineStats?: boolean;
  federation?: InstanceSettings['federation'];
  clientOptions?: Partial<InstanceSettings['clientOptions']>;
}

/** Settings copied as given when present (null included, as Misskey stores it). */
const PLAIN_KEYS = [
  'name', 'shortName', 'description', 'maintainerName', 'maintainerEmail', 'iconUrl', 'app192IconUrl', 'app512IconUrl',
  'bannerUrl', 'backgroundImageUrl', 'logoImageUrl', 'mascotImageUrl', 'serverErrorImageUrl', 'infoImageUrl',
  'notFoundImageUrl', 'themeColor', 'defaultDarkTheme', 'defaultLightTheme', 'tosUrl', 'privacyPolicyUrl', 'inquiryUrl',
  'impressumUrl', 'feedbackUrl', 'serverRules', 'preservedUsernames', 'emailRequiredForSignup', 'enableEmail',
  'enableServiceWorker', 'cacheRemoteFiles', 'cacheRemoteSensitiveFiles', 'notesPerOneAd', 'enableServerMachineStats',
  'federation',
] as const satisfies readonly (keyof MetaUpdateParams & keyof InstanceSettings)[];

/** The settings change an admin/update-meta call asks for, normalised as Misskey does. */
export function metaPatchFrom(params: MetaUpdateParams, current: InstanceSettings): Partial<InstanceSettings> {
  const patch: Partial<InstanceSettings> = {};
  for (const key of PLAIN_KEYS) if (params[key] !== undefined) Object.assign(patch, { [key]: params[key] });
  // Misskey ignores null for these two and drops empty entries from the lists.
  if (typeof params.disableRegistration === 'boolean') patch.disableRegistration = params.disableRegistration;
  if (Array.isArray(params.pinnedUsers)) patch.pinnedUsers = params.pinnedUsers.filter(Boolean);
  if (params.langs !== undefined) patch.langs = params.langs.filter(Boolean);
  // An unparsable repository URL is stored as null.
  if (params.repositoryUrl !== undefined) patch.repositoryUrl = params.repositoryUrl !== null && URL.canParse(params.repositoryUrl) ? params.repositoryUrl : null;
  if (params.urlPreviewEnabled !== undefined) patch.enableUrlPreview = params.urlPreviewEnabled;
  if (params.clientOptions !== undefined) patch.clientOptions = { ...current.clientOptions, ...params.clientOptions };
  return patch;
}
