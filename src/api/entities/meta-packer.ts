import type { entities } from 'misskey-js';
import { LIMITS, type InstanceSettings } from '../../domain/instance/meta.js';
import type { Services } from '../../services.js';
import { VERSION } from '../../version.js';
import { reusableBody } from '../reusable-body.js';

type PackedMeta = entities.MetaLite | entities.MetaDetailed;

/**
 * Answers already built, per settings object: MetaService hands out the same object until
 * the settings change, so a change (on any process, over the bus) makes a new entry and the
 * old one is collected with its settings.
 */
const packed = new WeakMap<InstanceSettings, Map<string, PackedMeta>>();

/** MetaLite, or MetaDetailed when `detail`, from the instance settings; built once per settings and variant. */
export async function packMeta(svc: Services, detail: boolean): Promise<PackedMeta> {
  const settings = await svc.meta.get();
  let variants = packed.get(settings);
  if (!variants) packed.set(settings, (variants = new Map()));
  // The public URL is part of the answer and is configuration, which tests set after start-up.
  const key = `${detail}:${svc.config.publicUrl}`;
  let body = variants.get(key);
  if (!body) {
    body = reusableBody(await buildMeta(svc, settings, detail));
    variants.set(key, body);
  }
  return body;
}

async function buildMeta(svc: Services, s: InstanceSettings, detail: boolean): Promise<PackedMeta> {
  const policies = await svc.roles.policiesOf(null);
  const lite: entities.MetaLite = {
    maintainerName: s.maintainerName,
    maintainerEmail: s.maintainerEmail,
    version: VERSION,
    providesTarball: false,
    name: s.name,
    shortName: s.shortName,
    uri: svc.config.publicUrl,
    description: s.description,
    langs: s.langs,
    tosUrl: s.tosUrl,
    repositoryUrl: s.repositoryUrl,
    feedbackUrl: s.feedbackUrl,
    defaultDarkTheme: s.defaultDarkTheme,
    defaultLightTheme: s.defaultLightTheme,
    clientOptions: s.clientOptions,
    disableRegistration: s.disableRegistration,
    emailRequiredForSignup: s.emailRequiredForSignup,
    enableHcaptcha: false,
    hcaptchaSiteKey: null,
    enableMcaptcha: false,
    mcaptchaSiteKey: null,
    mcaptchaInstanceUrl: null,
    enableRecaptcha: false,
    recaptchaSiteKey: null,
    enableTurnstile: false,
    turnstileSiteKey: null,
    enableTestcaptcha: false,
    googleAnalyticsMeasurementId: null,
    swPublickey: null,
    mascotImageUrl: s.mascotImageUrl ?? '/assets/ai.png',
    bannerUrl: s.bannerUrl,
    serverErrorImageUrl: s.serverErrorImageUrl,
    infoImageUrl: s.infoImageUrl,
    notFoundImageUrl: s.notFoundImageUrl,
    iconUrl: s.iconUrl,
    maxNoteTextLength: LIMITS.maxNoteTextLength,
    ads: [],
    notesPerOneAd: s.notesPerOneAd,
    enableEmail: s.enableEmail,
    enableServiceWorker: s.enableServiceWorker,
    translatorAvailable: false,
    sentryForFrontend: null,
    mediaProxy: `${svc.config.publicUrl}/proxy`,
    enableUrlPreview: s.enableUrlPreview,
    backgroundImageUrl: s.backgroundImageUrl,
    impressumUrl: s.impressumUrl,
    logoImageUrl: s.logoImageUrl,
    privacyPolicyUrl: s.privacyPolicyUrl,
    inquiryUrl: s.inquiryUrl,
    serverRules: s.serverRules,
    themeColor: s.themeColor,
    policies,
    noteSearchableScope: s.noteSearchableScope,
    maxFileSize: LIMITS.maxFileSize,
    federation: s.federation,
  };
  if (!detail) return lite;
  return {
    ...lite,
    features: {
      registration: !s.disableRegistration,
      emailRequiredForSignup: s.emailRequiredForSignup,
      localTimeline: policies.ltlAvailable,
      globalTimeline: policies.gtlAvailable,
      hcaptcha: false,
      turnstile: false,
      recaptcha: false,
      objectStorage: false,
      serviceWorker: s.enableServiceWorker,
      miauth: true,
    },
    proxyAccountName: null,
    requireSetup: s.rootUserId === null,
    cacheRemoteFiles: s.cacheRemoteFiles,
    cacheRemoteSensitiveFiles: s.cacheRemoteSensitiveFiles,
  };
}
