import { Type, type Static } from '@sinclair/typebox';
import type { UserRow } from '../../infra/db/schema.js';
import type { Services } from '../../services.js';
import { Id, Nullable, Paging } from './common.js';

/** Params naming a user by `userId`, or by `username` + `host`, with paging (users/followers, users/following). */
export const PagedUserRef = Type.Object(
  { ...Paging, userId: Type.Optional(Id), username: Type.Optional(Type.String()), host: Type.Optional(Nullable(Type.String())) },
  { anyOf: [{ required: ['userId'] }, { required: ['username', 'host'] }] },
);

/** The live account the params name, or undefined. */
export async function findUserByRef(svc: Services, ref: Static<typeof PagedUserRef>): Promise<UserRow | undefined> {
  const user = ref.userId !== undefined
    ? await svc.usersRepo.findById(ref.userId)
    : await svc.usersRepo.findByUsername(ref.username!, ref.host ?? null);
  return user && !user.isDeleted ? user : undefined;
}
