import { Type } from '@sinclair/typebox';
import type { entities } from 'misskey-js';
import { fromJson } from '../../../infra/db/dialect.js';
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
    return rows.map((r) => ({
      id: r.id,
      createdAt: new Date(r.createdAt).toISOString(),
      ip: r.ip,
      // misskey-js types the headers as an empty record; they are the recorded request headers.
      headers: fromJson<entities.Signin['headers']>(r.headers, {}),
      success: r.success,
    }));
  },
});
