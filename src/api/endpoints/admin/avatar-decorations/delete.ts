import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';
import { noSuchAvatarDecoration } from '../../../schemas/avatar-decorations.js';

export default defineEndpoint({
  name: 'admin/avatar-decorations/delete',
  tags: ['admin'],
  description: 'Deletes an avatar decoration; users wearing it stop showing it.',
  credential: 'required',
  requiredRolePolicy: 'canManageAvatarDecorations',
  permission: 'write:admin:avatar-decorations',
  params: Type.Object({ id: Id }),
  res: null,
  errors: { noSuchAvatarDecoration },
  async handler({ params, svc }) {
    await svc.avatarDecorations.delete(params.id);
  },
});
