import { Type } from '@sinclair/typebox';
import { metaPatchFrom } from '../../../domain/instance/meta-update.js';
import { defineEndpoint } from '../../endpoint.js';
import { Nullable } from '../../schemas/common.js';

const Text = () => Type.Optional(Nullable(Type.String()));
const Flag = () => Type.Optional(Type.Boolean());
const Strings = () => Type.Optional(Type.Array(Type.String()));

export default defineEndpoint({
  name: 'admin/update-meta',
  tags: ['admin'],
  description:
    "Changes instance settings (absent fields stay unchanged). Tsubame acts on the fields listed here, including `pinnedUsers` (acct strings such as `alice` or `@alice`); other Misskey fields are accepted and ignored.",
  credential: 'required',
  role: 'admin',
  permission: 'write:admin:meta',
  params: Type.Object(
    {
      name: Text(),
      shortName: Text(),
      description: Text(),
      maintainerName: Text(),
      maintainerEmail: Text(),
      langs: Strings(),
      iconUrl: Text(),
      app192IconUrl: Text(),
      app512IconUrl: Text(),
      bannerUrl: Text(),
      backgroundImageUrl: Text(),
      logoImageUrl: Text(),
      mascotImageUrl: Text(),
      serverErrorImageUrl: Text(),
      infoImageUrl: Text(),
      notFoundImageUrl: Text(),
      themeColor: Type.Optional(Nullable(Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }))),
      defaultDarkTheme: Text(),
      defaultLightTheme: Text(),
      tosUrl: Text(),
      privacyPolicyUrl: Text(),
      inquiryUrl: Text(),
      impressumUrl: Text(),
      repositoryUrl: Text(),
      feedbackUrl: Text(),
      serverRules: Strings(),
      disableRegistration: Type.Optional(Nullable(Type.Boolean())),
      preservedUsernames: Strings(),
      pinnedUsers: Type.Optional(Nullable(Type.Array(Type.String()))),
      emailRequiredForSignup: Flag(),
      enableEmail: Flag(),
      enableServiceWorker: Flag(),
      urlPreviewEnabled: Flag(),
      cacheRemoteFiles: Flag(),
      cacheRemoteSensitiveFiles: Flag(),
      notesPerOneAd: Type.Optional(Type.Integer({ minimum: 0 })),
      enableServerMachineStats: Flag(),
      federation: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('none'), Type.Literal('specified')])),
      clientOptions: Type.Optional(
        Type.Object({
          entrancePageStyle: Type.Optional(Type.Union([Type.Literal('classic'), Type.Literal('simple')])),
          showTimelineForVisitor: Flag(),
          showActivitiesForVisitor: Flag(),
        }),
      ),
    },
    // compat: Misskey's other ~150 fields (captchas, SMTP, object storage, …) have no behaviour here.
    { additionalProperties: true },
  ),
  res: null,
  async handler({ params, svc }) {
    await svc.meta.update(metaPatchFrom(params, await svc.meta.get()));
  },
});
