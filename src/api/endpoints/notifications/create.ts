import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Nullable } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'notifications/create',
  tags: ['notifications'],
  description: 'Sends the caller an app notification; header and icon default to the access token\'s name and icon.',
  credential: 'required',
  permission: 'write:notifications',
  limit: { duration: 60_000, max: 10 },
  params: Type.Object({
    body: Type.String(),
    header: Type.Optional(Nullable(Type.String())),
    icon: Type.Optional(Nullable(Type.String())),
  }),
  res: null,
  async handler({ params, me, token, svc }) {
    await svc.notifications.createApp(me.id, token?.id ?? null, params.body, params.header, params.icon);
  },
});
