import { Type } from '@sinclair/typebox';
import { RelationPacker } from '../../entities/relation-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Paging, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'renote-mute/list',
  tags: ['account'],
  description: 'Users whose renotes the caller muted.',
  credential: 'required',
  permission: 'read:mutes',
  params: Type.Object({ ...Paging, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })) }),
  res: Type.Array(Ref('RenoteMuting')),
  async handler({ params, me, svc }) {
    const rows = await svc.blockMute.listRenoteMutings(me, { ...params, limit: params.limit ?? 30 });
    return new RelationPacker(svc).packRenoteMutings(rows, me);
  },
});
