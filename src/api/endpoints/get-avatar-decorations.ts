import { Type } from '@sinclair/typebox';
import { packDecorationForAdmin } from '../entities/avatar-decoration-packer.js';
import { defineEndpoint } from '../endpoint.js';
import { NoParams } from '../schemas/common.js';

export default defineEndpoint({
  name: 'get-avatar-decorations',
  tags: ['users'],
  description: 'The avatar decorations users can choose from (i/update avatarDecorations).',
  credential: 'optional',
  params: NoParams,
  res: Type.Array(Type.Object({}, { additionalProperties: true })),
  async handler({ svc }) {
    return (await svc.avatarDecorations.all()).map((row) => {
      const { id, name, description, url, category } = packDecorationForAdmin(row);
      // Misskey lists only role ids naming existing roles; Tsubame has no custom roles.
      return { id, name, description, url, roleIdsThatCanBeUsedThisDecoration: [], category };
    });
  },
});
