import { Type } from '@sinclair/typebox';
import { packDecorationForAdmin } from '../../../entities/avatar-decoration-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { DecorationFields } from '../../../schemas/avatar-decorations.js';

export default defineEndpoint({
  name: 'admin/avatar-decorations/create',
  tags: ['admin'],
  description: 'Adds an avatar decoration users can put on their avatar (i/update avatarDecorations).',
  credential: 'required',
  requiredRolePolicy: 'canManageAvatarDecorations',
  permission: 'write:admin:avatar-decorations',
  params: Type.Object({
    name: DecorationFields.name,
    description: DecorationFields.description,
    url: DecorationFields.url,
    roleIdsThatCanBeUsedThisDecoration: Type.Optional(DecorationFields.roleIdsThatCanBeUsedThisDecoration),
    category: Type.Optional(DecorationFields.category),
  }),
  res: Type.Object({}, { additionalProperties: true }),
  async handler({ params, svc }) {
    return packDecorationForAdmin(await svc.avatarDecorations.create(params));
  },
});
