import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../endpoint.js';
import { NoParams } from '../schemas/common.js';

export default defineEndpoint({
  name: 'ping',
  tags: ['meta'],
  description: 'Returns the server time; a cheap liveness check.',
  credential: 'none',
  params: NoParams,
  res: Type.Object({ pong: Type.Number() }),
  async handler() {
    return { pong: Date.now() };
  },
});
