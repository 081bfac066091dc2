import { Type } from '@sinclair/typebox';
import { RelationPacker } from '../../entities/relation-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Paging, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'mute/list',
  tags: ['account'],
  description: 'Users the caller mutes.',
  credential: 'required',
  permission: 'read:mutes',
  params: Type.Object({ ...Paging, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })) }),
  res: Type.Array(Ref('Muting')),
  async handler({ params, me, svc }) {
    const rows = await svc.blockMute.listMutings(me, { ...params, limit: params.limit ?? 30 });
    return new RelationPacker(svc).packMutings(rows, me);
  },
});
