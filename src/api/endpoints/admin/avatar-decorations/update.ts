import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';
import { DecorationFields, noSuchAvatarDecoration } from '../../../schemas/avatar-decorations.js';

export default defineEndpoint({
  name: 'admin/avatar-decorations/update',
  tags: ['admin'],
  description: 'Changes an avatar decoration; absent fields stay unchanged.',
  credential: 'required',
  requiredRolePolicy: 'canManageAvatarDecorations',
  permission: 'write:admin:avatar-decorations',
  params: Type.Object({
    id: Id,
    name: Type.Optional(DecorationFields.name),
    description: Type.Optional(DecorationFields.description),
    url: Type.Optional(DecorationFields.url),
    roleIdsThatCanBeUsedThisDecoration: Type.Optional(DecorationFields.roleIdsThatCanBeUsedThisDecoration),
    category: Type.Optional(DecorationFields.category),
  }),
  res: null,
  errors: { noSuchAvatarDecoration },
  async handler({ params: { id, ...patch }, svc }) {
    await svc.avatarDecorations.update(id, patch);
  },
});
