import { Type } from '@sinclair/typebox';
import { packDecorationForAdmin } from '../../../entities/avatar-decoration-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Nullable, Paging } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'admin/avatar-decorations/list',
  tags: ['admin'],
  description: 'Every avatar decoration, oldest first.',
  credential: 'required',
  requiredRolePolicy: 'canManageAvatarDecorations',
  permission: 'read:admin:avatar-decorations',
  // compat: Misskey accepts paging params and a userId here but always lists everything.
  params: Type.Object({ ...Paging, userId: Type.Optional(Nullable(Id)) }),
  res: Type.Array(Type.Object({}, { additionalProperties: true })),
  async handler({ svc }) {
    return (await svc.avatarDecorations.all()).map(packDecorationForAdmin);
  },
});
