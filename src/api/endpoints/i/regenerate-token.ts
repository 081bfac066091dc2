import { Type } from '@sinclair/typebox';
import { INCORRECT_PASSWORD } from '../../../domain/auth/account-errors.js';
import { defineEndpoint } from '../../endpoint.js';

export default defineEndpoint({
  name: 'i/regenerate-token',
  tags: ['account'],
  description: 'Replaces the native token; every sign-in of the account ends and its clients hear `myTokenRegenerated`.',
  credential: 'required',
  secure: true,
  params: Type.Object({ password: Type.String() }),
  res: null,
  errors: { incorrectPassword: { ...INCORRECT_PASSWORD, on: ['account.incorrectPassword'] } },
  async handler({ params, me, svc }) {
    await svc.account.regenerateToken(me, params.password);
  },
});
