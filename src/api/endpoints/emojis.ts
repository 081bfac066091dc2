import { Type } from '@sinclair/typebox';
import { packEmojiSimple } from '../entities/emoji-packer.js';
import { defineEndpoint } from '../endpoint.js';
import { NoParams, Ref } from '../schemas/common.js';

export default defineEndpoint({
  name: 'emojis',
  tags: ['meta'],
  description: "The instance's custom emoji.",
  credential: 'optional',
  allowGet: true,
  cacheSec: 3600,
  params: NoParams,
  res: Type.Object({ emojis: Type.Array(Ref('EmojiSimple')) }),
  async handler({ svc }) {
    return { emojis: (await svc.emojisRepo.listLocal()).map(packEmojiSimple) };
  },
});
