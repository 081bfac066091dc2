import { Type } from '@sinclair/typebox';
import { packMeta } from '../entities/meta-packer.js';
import { defineEndpoint } from '../endpoint.js';
import { Ref } from '../schemas/common.js';

export default defineEndpoint({
  name: 'meta',
  tags: ['meta'],
  description: "The instance's public settings; `detail: true` (the default) adds MetaDetailed's fields.",
  credential: 'none',
  params: Type.Object({ detail: Type.Optional(Type.Boolean({ default: true })) }),
  res: Type.Union([Ref('MetaLite'), Ref('MetaDetailed')]),
  async handler({ params, svc }) {
    return packMeta(svc, params.detail !== false);
  },
});
