import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { registryCaller, RegistryScopeParams } from '../../../schemas/registry.js';

export default defineEndpoint({
  name: 'i/registry/keys-with-type',
  tags: ['account'],
  description: "The keys of one registry scope with their value's JSON type (null, array, number, string, boolean, object).",
  credential: 'required',
  permission: 'read:account',
  params: Type.Object(RegistryScopeParams),
  res: Type.Record(Type.String(), Type.String()),
  async handler({ params, me, token, svc }) {
    const items = await svc.registry.items(registryCaller(me, token), params.domain, params.scope ?? []);
    return Object.fromEntries(items.map((item) => [item.key, jsonType(item.value)]));
  },
});

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
