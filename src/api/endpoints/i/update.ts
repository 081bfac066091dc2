import { Type } from '@sinclair/typebox';
import { PROFILE_LANGS } from '../../../domain/users/langs.js';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Nullable, Ref } from '../../schemas/common.js';
// Our copy, not misskey-js's: misskey-js is a dev dependency (and 10 MB of memory at run time).
import { NOTIFICATION_TYPES as notificationTypes } from '../../schemas/notifications.js';

/** A string restricted to `values`, typed as their union. */
const Enum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Visibility = Enum(['public', 'followers', 'private'] as const);
const MutedWords = Type.Array(Type.Union([Type.Array(Type.String()), Type.String()]));
/** Misskey's placement limits: angle within ±0.5, offsets within ±0.25. */
const Placement = (limit: number) => Type.Optional(Nullable(Type.Number({ minimum: -limit, maximum: limit })));
const AvatarDecoration = Type.Object({ id: Id, angle: Placement(0.5), flipH: Type.Optional(Nullable(Type.Boolean())), offsetX: Placement(0.25), offsetY: Placement(0.25) });
const ReceiveConfig = Type.Union([
  Type.Object({ type: Enum(['all', 'following', 'follower', 'mutualFollow', 'followingOrFollower', 'never'] as const) }),
  Type.Object({ type: Type.Literal('list'), userListId: Id }),
]);

export default defineEndpoint({
  name: 'i/update',
  tags: ['account'],
  description: "Updates the caller's profile and preferences; absent fields stay unchanged.",
  credential: 'required',
  permission: 'write:account',
  limit: { duration: 60 * 60 * 1000, max: 20 },
  params: Type.Object({
    name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
    description: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 1500 }))),
    followedMessage: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 256 }))),
    location: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
    birthday: Type.Optional(Nullable(Type.String({ pattern: '^([0-9]{4})-([0-9]{2})-([0-9]{2})$' }))),
    lang: Type.Optional(Nullable(Enum(PROFILE_LANGS))),
    avatarId: Type.Optional(Nullable(Id)),
    bannerId: Type.Optional(Nullable(Id)),
    fields: Type.Optional(Type.Array(Type.Object({ name: Type.String(), value: Type.String() }), { maxItems: 16 })),
    isLocked: Type.Optional(Type.Boolean()),
    isExplorable: Type.Optional(Type.Boolean()),
    hideOnlineStatus: Type.Optional(Type.Boolean()),
    publicReactions: Type.Optional(Type.Boolean()),
    carefulBot: Type.Optional(Type.Boolean()),
    autoAcceptFollowed: Type.Optional(Type.Boolean()),
    noCrawle: Type.Optional(Type.Boolean()),
    preventAiLearning: Type.Optional(Type.Boolean()),
    requireSigninToViewContents: Type.Optional(Type.Boolean()),
    makeNotesFollowersOnlyBefore: Type.Optional(Nullable(Type.Integer())),
    makeNotesHiddenBefore: Type.Optional(Nullable(Type.Integer())),
    isBot: Type.Optional(Type.Boolean()),
    isCat: Type.Optional(Type.Boolean()),
    injectFeaturedNote: Type.Optional(Type.Boolean()),
    receiveAnnouncementEmail: Type.Optional(Type.Boolean()),
    alwaysMarkNsfw: Type.Optional(Type.Boolean()),
    autoSensitive: Type.Optional(Type.Boolean()),
    followingVisibility: Type.Optional(Visibility),
    followersVisibility: Type.Optional(Visibility),
    chatScope: Type.Optional(Enum(['everyone', 'followers', 'following', 'mutual', 'none'] as const)),
    mutedWords: Type.Optional(MutedWords),
    hardMutedWords: Type.Optional(MutedWords),
    mutedInstances: Type.Optional(Type.Array(Type.String())),
    notificationRecieveConfig: Type.Optional(Type.Partial(Type.Object(Object.fromEntries(notificationTypes.map((t) => [t, ReceiveConfig]))))),
    emailNotificationTypes: Type.Optional(Type.Array(Type.String())),
    avatarDecorations: Type.Optional(Type.Array(AvatarDecoration, { maxItems: 16 })),
    pinnedPageId: Type.Optional(Nullable(Id)),
    alsoKnownAs: Type.Optional(Type.Array(Type.String(), { maxItems: 10, uniqueItems: true })),
  }),
  res: Ref('MeDetailed'),
  errors: {
    noSuchAvatar: { message: 'No such avatar file.', code: 'NO_SUCH_AVATAR', id: '539f3a45-f215-4f81-a9a8-31293640207f', on: ['profile.noAvatar'] },
    noSuchBanner: { message: 'No such banner file.', code: 'NO_SUCH_BANNER', id: '0d8f5629-f210-41c2-9433-735831a58595', on: ['profile.noBanner'] },
    avatarNotAnImage: { message: 'The file specified as an avatar is not an image.', code: 'AVATAR_NOT_AN_IMAGE', id: 'f419f9f8-2f4d-46b1-9fb4-49d3a2fd7191', on: ['profile.avatarNotImage'] },
    bannerNotAnImage: { message: 'The file specified as a banner is not an image.', code: 'BANNER_NOT_AN_IMAGE', id: '75aedb19-2afd-4e6d-87fc-67941256fa60', on: ['profile.bannerNotImage'] },
    invalidRegexp: { message: 'Invalid Regular Expression.', code: 'INVALID_REGEXP', id: '0d786918-10df-41cd-8f33-8dec7d9a89a5', on: ['profile.invalidRegexp'] },
    tooManyMutedWords: { message: 'Too many muted words.', code: 'TOO_MANY_MUTED_WORDS', id: '010665b1-a211-42d2-bc64-8f6609d79785', on: ['profile.tooManyMutedWords'] },
    noSuchPage: { message: 'No such page.', code: 'NO_SUCH_PAGE', id: '8e01b590-7eb9-431b-a239-860e086c408e', on: ['profile.noSuchPage'] },
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'fcd2eef9-a9b2-4c4f-8624-038099e90aa5', on: ['profile.noSuchUser'] },
    forbiddenToSetYourself: { message: "You can't set yourself as your own alias.", code: 'FORBIDDEN_TO_SET_YOURSELF', id: '25c90186-4ab0-49c8-9bba-a1fa6c202ba4', on: ['profile.aliasIsSelf'] },
    restrictedByRole: { message: 'This feature is restricted by your role.', code: 'RESTRICTED_BY_ROLE', id: '8feff0ba-5ab5-585b-31f4-4df816663fad', on: ['profile.restrictedByRole'] },
  },
  async handler({ params, me, svc }) {
    const [profile, policies] = await Promise.all([svc.usersRepo.findProfile(me.id), svc.roles.policiesOf(me)]);
    const extra = await svc.profileExtras.prepare(me, params, policies);
    await svc.profileUpdater.update(me, profile?.settings, params, policies, extra);
    // Announced before packing: the packer reads the images from the user cache, which this drops.
    svc.events.emit('profile.updated', { userId: me.id });
    const updated = await new UserPacker(svc).packMe((await svc.usersRepo.findById(me.id))!);
    await svc.bus.publish(`main:${me.id}`, { type: 'meUpdated', body: updated });
    return updated;
  },
});
