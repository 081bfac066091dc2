import { Type } from '@sinclair/typebox';
import { packAdminMeta } from '../../entities/admin-meta-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { NoParams } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'admin/meta',
  tags: ['meta'],
  description: "The instance's settings as administrators see them (what admin/update-meta changes).",
  credential: 'required',
  role: 'moderator',
  permission: 'read:admin:meta',
  params: NoParams,
  res: Type.Object({}, { additionalProperties: true }),
  async handler({ svc }) {
    return packAdminMeta(svc);
  },
});
