import { Type } from '@sinclair/typebox';
import type { RegistryCaller } from '../../domain/registry/registry.service.js';
import type { AccessTokenInfo } from '../../domain/auth/auth.service.js';
import type { UserRow } from '../../infra/db/schema.js';
import { Nullable } from './common.js';

/** Params every i/registry endpoint takes: the scope path (default the root) and, for native clients, a domain. */
export const RegistryScopeParams = {
  scope: Type.Optional(Type.Array(Type.String({ pattern: '^[a-zA-Z0-9_]+$' }), { default: [] })),
  domain: Type.Optional(Nullable(Type.String())),
};

/** The registry caller of an API call: the user, and the access token unless the native token was used. */
export function registryCaller(me: UserRow, token: AccessTokenInfo | null): RegistryCaller {
  return { userId: me.id, accessTokenId: token?.id ?? null };
}
