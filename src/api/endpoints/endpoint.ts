import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../endpoint.js';

export default defineEndpoint({
  name: 'endpoint',
  tags: ['meta'],
  description: "Describes one endpoint's params; 204 when the endpoint does not exist.",
  credential: 'none',
  params: Type.Object({ endpoint: Type.String() }),
  res: Type.Object({ params: Type.Array(Type.Object({ name: Type.String(), type: Type.String() })) }),
  async handler({ params, catalog }) {
    const schema = (await catalog.get(params.endpoint))?.params as { properties?: Record<string, { type?: unknown; anyOf?: { type?: unknown }[] }> } | undefined;
    if (!schema) return null;
    return {
      params: Object.entries(schema.properties ?? {}).map(([name, prop]) => ({ name, type: typeName(prop) })),
    };
  },
});

// Misskey reports the JSON Schema type with its first letter in upper case ("String", "Number").
function typeName(prop: { type?: unknown; anyOf?: { type?: unknown }[] }): string {
  const type = prop.type ?? prop.anyOf?.find((s) => s.type !== 'null')?.type ?? 'any';
  const text = Array.isArray(type) ? String(type[0]) : String(type);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
