import { Type } from '@sinclair/typebox';
import { Nullable } from './common.js';

/** The params of an avatar decoration, as admin/avatar-decorations/create and update take them. */
export const DecorationFields = {
  name: Type.String({ minLength: 1 }),
  description: Type.String(),
  url: Type.String({ minLength: 1 }),
  roleIdsThatCanBeUsedThisDecoration: Type.Array(Type.String()),
  category: Nullable(Type.String()),
};

/**
 * compat: Misskey fails with an internal error when the id names no decoration; we answer a
 * declared 400 (Tsubame's own error id).
 */
export const noSuchAvatarDecoration = {
  message: 'No such avatar decoration.',
  code: 'NO_SUCH_AVATAR_DECORATION',
  id: 'c9a9b8a1-6b7e-4c1f-9a55-2f0d8c3e7b14',
  on: ['avatarDecoration.notFound'],
};
