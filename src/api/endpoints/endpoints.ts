import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../endpoint.js';
import { NoParams } from '../schemas/common.js';

export default defineEndpoint({
  name: 'endpoints',
  tags: ['meta'],
  description: 'Lists the names of every endpoint this server implements.',
  credential: 'none',
  params: NoParams,
  res: Type.Array(Type.String()),
  async handler({ catalog }) {
    return [...catalog.names];
  },
});
