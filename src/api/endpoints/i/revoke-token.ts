import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Nullable } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'i/revoke-token',
  tags: ['account'],
  description: 'Revokes one of the caller\'s access tokens, by id or by the token itself. Unknown tokens are ignored.',
  credential: 'required',
  secure: true,
  params: Type.Union([Type.Object({ tokenId: Id }), Type.Object({ token: Nullable(Type.String()) })]),
  res: null,
  async handler({ params, me, svc }) {
    if ('tokenId' in params) await svc.accessTokens.revokeById(me.id, params.tokenId);
    else if (params.token) await svc.accessTokens.revokeBySecret(me.id, params.token);
  },
});
