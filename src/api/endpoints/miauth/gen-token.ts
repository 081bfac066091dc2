import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Nullable } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'miauth/gen-token',
  tags: ['auth'],
  description: 'Issues an access token for the caller: MiAuth consent (with the session) or Settings > API (session null).',
  credential: 'required',
  secure: true,
  params: Type.Object({
    session: Nullable(Type.String()),
    name: Type.Optional(Nullable(Type.String())),
    description: Type.Optional(Nullable(Type.String())),
    iconUrl: Type.Optional(Nullable(Type.String())),
    permission: Type.Array(Type.String(), { uniqueItems: true }),
  }),
  res: Type.Object({ token: Type.String() }),
  async handler({ params, me, svc }) {
    const { token } = await svc.accessTokens.issue({ userId: me.id, ...params });
    return { token };
  },
});
