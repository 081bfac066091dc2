import { Type } from '@sinclair/typebox';
import { NotePacker } from '../../entities/note-packer.js';
import { UserPacker } from '../../entities/user-packer.js';
import { defineEndpoint, type HandlerResult } from '../../endpoint.js';
import { ApiError } from '../../errors.js';
import { Id, Nullable, Ref } from '../../schemas/common.js';

const errors = {
  failedToResolveRemoteUser: { message: 'Failed to resolve remote user.', code: 'FAILED_TO_RESOLVE_REMOTE_USER', id: 'ef7b9be4-9cba-4e6f-ab41-90ed171c7d3c', kind: 'server' as const },
  noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '4362f8dc-731f-4ad8-a694-be5a88922a24', httpStatusCode: 404 },
};

export default defineEndpoint({
  name: 'users/show',
  tags: ['users'],
  description: 'Show the properties of a user (by userId, username + host), or of several users (userIds).',
  credential: 'optional',
  params: Type.Object(
    {
      userId: Type.Optional(Id),
      userIds: Type.Optional(Type.Array(Id, { uniqueItems: true })),
      username: Type.Optional(Type.String()),
      host: Type.Optional(Nullable(Type.String(), { description: 'The local host is represented with `null`.' })),
    },
    { anyOf: [{ required: ['userId'] }, { required: ['userIds'] }, { required: ['username'] }] },
  ),
  res: Type.Union([Ref('UserDetailed'), Type.Array(Ref('UserDetailed'))]),
  errors,
  async handler({ params, me, svc }) {
    const packer = new UserPacker(svc);
    const seeSuspended = me !== null && svc.roles.isModerator(me);
    if (params.userIds) {
      const found = await svc.usersRepo.findManyByIds(params.userIds);
      const users = params.userIds.map((id) => found.get(id)).filter((u) => u !== undefined && (seeSuspended || !u.isSuspended));
      return asResult(await packer.packDetailedMany(users as NonNullable<(typeof users)[number]>[], me));
    }
    const localHost = new URL(svc.config.publicUrl).host;
    const remote = typeof params.host === 'string' && params.username !== undefined && params.host.toLowerCase() !== localHost;
    const user = params.userId !== undefined
      ? await svc.usersRepo.findById(params.userId)
      : await svc.usersRepo.findByUsername(params.username!.trim(), remote ? params.host! : null);
    // compat: without federation a remote account we have never seen cannot be resolved.
    if (remote && !user) throw new ApiError(errors.failedToResolveRemoteUser);
    if (!user || (user.isSuspended && !seeSuspended)) throw new ApiError(errors.noSuchUser);
    const detailed = await packer.packDetailed(user, me);
    return asResult({ ...detailed, ...(await new NotePacker(svc).pinnedOf(user.id, me)) });
  },
});

/** misskey-js types this result as a `$switch` on the params, which a handler cannot name; both branches are UserDetailed. */
function asResult(value: unknown): HandlerResult<'users/show'> {
  return value as HandlerResult<'users/show'>;
}
