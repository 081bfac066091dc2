import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../endpoint.js';
import { Id, Nullable } from '../schemas/common.js';

export default defineEndpoint({
  name: 'test',
  tags: ['meta'],
  description: 'Echoes its validated params; shows how defaults and validation behave.',
  credential: 'none',
  params: Type.Object({
    required: Type.Boolean(),
    string: Type.Optional(Type.String()),
    default: Type.Optional(Type.String({ default: 'hello' })),
    nullableDefault: Type.Optional(Nullable(Type.String(), { default: 'hello' })),
    id: Type.Optional(Id),
  }),
  res: Type.Object({
    id: Type.Optional(Id),
    required: Type.Boolean(),
    string: Type.Optional(Type.String()),
    default: Type.Optional(Type.String()),
    nullableDefault: Nullable(Type.String()),
  }),
  async handler({ params }) {
    return { ...params, nullableDefault: params.nullableDefault ?? null };
  },
});
