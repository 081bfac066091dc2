import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { DateTime, Id, Nullable } from '../../schemas/common.js';

const SORTS = ['+createdAt', '-createdAt', '+lastUsedAt', '-lastUsedAt'] as const;

export default defineEndpoint({
  name: 'i/apps',
  tags: ['account'],
  description: "The caller's access tokens (MiAuth, Settings > API, apps, OAuth), without their secrets.",
  credential: 'required',
  secure: true,
  params: Type.Object({ sort: Type.Optional(Type.Union(SORTS.map((s) => Type.Literal(s)))) }),
  res: Type.Array(
    Type.Object({
      id: Id,
      name: Type.Optional(Type.String()),
      createdAt: DateTime,
      lastUsedAt: Type.Optional(DateTime),
      permission: Type.Array(Type.String()),
      iconUrl: Type.Optional(Nullable(Type.String())),
      description: Type.Optional(Nullable(Type.String())),
    }),
  ),
  async handler({ params, me, svc }) {
    const tokens = await svc.accessTokens.list(me.id, params.sort);
    return tokens.map((t) => ({
      id: t.id,
      name: t.name ?? undefined,
      createdAt: new Date(t.createdAt).toISOString(),
      lastUsedAt: t.lastUsedAt === null ? undefined : new Date(t.lastUsedAt).toISOString(),
      permission: t.permission,
      iconUrl: t.iconUrl,
      description: t.description,
    }));
  },
});
