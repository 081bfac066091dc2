import { Type } from '@sinclair/typebox';
import { packEmojiDetailed } from '../entities/emoji-packer.js';
import { defineEndpoint } from '../endpoint.js';
import { ApiError } from '../errors.js';
import { Ref } from '../schemas/common.js';

const errors = {
  // compat: Misskey fails with a 500 on an unknown name; we answer 404 with a named error.
  noSuchEmoji: { message: 'No such emoji.', code: 'NO_SUCH_EMOJI', id: 'e2785b66-dca3-4087-9cac-b93c541cc425', httpStatusCode: 404 },
};

export default defineEndpoint({
  name: 'emoji',
  tags: ['meta'],
  description: 'One local custom emoji by name.',
  credential: 'optional',
  allowGet: true,
  cacheSec: 3600,
  params: Type.Object({ name: Type.String() }),
  res: Ref('EmojiDetailed'),
  errors,
  async handler({ params, svc }) {
    const emoji = await svc.emojisRepo.findLocal(params.name);
    if (!emoji) throw new ApiError(errors.noSuchEmoji);
    return packEmojiDetailed(emoji);
  },
});
