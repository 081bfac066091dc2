import { Type } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { packSignin } from '../../../domain/auth/signin.service.js';
import { defineEndpoint } from '../../endpoint.js';
import { Paging, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'i/signin-history',
  tags: ['account'],
  description: "The caller's sign-in attempts (successful and failed), newest first.",
  credential: 'required',
  secure: true,
  params: Type.Object(Paging),
  res: Type.Array(Ref('Signin')),
  async handler({ params, me, svc }) {
    const rows = await svc.signins.listSignins(me.id, { ...params, limit: params.limit ?? 10 });
    // misskey-js types the headers as an empty record; they are the recorded request headers.
    return rows.map((r) => packSignin(r) as entities.Signin);
  },
});
