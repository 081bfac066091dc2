import { Type } from '@sinclair/typebox';
import { RelationPacker } from '../../entities/relation-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Paging, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'blocking/list',
  tags: ['account'],
  description: 'Users the caller blocks.',
  credential: 'required',
  permission: 'read:blocks',
  params: Type.Object({ ...Paging, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })) }),
  res: Type.Array(Ref('Blocking')),
  async handler({ params, me, svc }) {
    const rows = await svc.blockMute.listBlockings(me, { ...params, limit: params.limit ?? 30 });
    return new RelationPacker(svc).packBlockings(rows, me);
  },
});
