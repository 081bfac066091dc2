import type { TSchema } from '@sinclair/typebox';
import type { AnyEndpoint } from './endpoint.js';
import { E } from './errors.js';
import { entitySchemas } from './schemas/entities.js';

interface OpenApiInfo {
  version: string;
  apiUrl: string;
}

const errorResponse = (description: string, examples: Record<string, { code: string; message: string; id: string }>) => ({
  description,
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/Error' },
      examples: Object.fromEntries(Object.entries(examples).map(([k, v]) => [k, { value: { error: v } }])),
    },
  },
});

/** The OpenAPI 3.1 document of every registered endpoint, in the shape Misskey's /api.json has. */
export function buildOpenApi(endpoints: readonly AnyEndpoint[], info: OpenApiInfo): object {
  const paths: Record<string, object> = {};
  for (const ep of [...endpoints].sort((a, b) => a.name.localeCompare(b.name))) {
    const operation = (method: 'post' | 'get') => operationOf(ep, method);
    paths[`/${ep.name}`] = ep.allowGet ? { post: operation('post'), get: operation('get') } : { post: operation('post') };
  }
  return {
    openapi: '3.1.0',
    info: { version: info.version, title: 'Misskey API' },
    externalDocs: { description: 'Repository', url: 'https://github.com/tsubame-social/tsubame' },
    servers: [{ url: info.apiUrl }],
    paths,
    components: {
      schemas: entitySchemas,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    },
  };
}

function operationOf(ep: AnyEndpoint, method: 'post' | 'get'): object {
  const params = ep.params as TSchema & { properties?: Record<string, unknown> };
  const hasParams = Object.keys(params.properties ?? {}).length > 0;
  const mediaType = ep.requireFile ? 'multipart/form-data' : 'application/json';
  const body = ep.requireFile
    ? { ...params, properties: { ...params.properties, file: { type: 'string', format: 'binary' } }, required: [...((params.required as string[]) ?? []), 'file'] }
    : params;

  const responses: Record<string, object> = {};
  if (ep.res) responses['200'] = { description: 'OK (with results)', content: { 'application/json': { schema: ep.res } } };
  else responses['204'] = { description: 'OK (without any results)' };
  const endpointErrors = Object.fromEntries(Object.entries(ep.errors ?? {}).map(([k, v]) => [k, { code: v.code, message: v.message, id: v.id }]));
  responses['400'] = errorResponse('Client error', { ...endpointErrors, INVALID_PARAM: E.invalidParam });
  responses['401'] = errorResponse('Authentication error', { CREDENTIAL_REQUIRED: E.credentialRequired, AUTHENTICATION_FAILED: E.authenticationFailed });
  responses['403'] = errorResponse('Forbidden error', { PERMISSION_DENIED: E.permissionDenied });
  if (ep.limit) responses['429'] = errorResponse('Too many requests', { RATE_LIMIT_EXCEEDED: E.rateLimitExceeded });
  responses['500'] = errorResponse('Internal server error', { INTERNAL_ERROR: E.internal });

  return {
    operationId: `${method}___${ep.name.replaceAll('/', '___')}`,
    summary: ep.name,
    description: describe(ep),
    tags: ep.tags?.length ? [ep.tags[0]] : undefined,
    security: ep.credential === 'required' ? [{ bearerAuth: [] }] : undefined,
    ...(hasParams || ep.requireFile ? { requestBody: { required: true, content: { [mediaType]: { schema: body } } } } : {}),
    responses,
  };
}

function describe(ep: AnyEndpoint): string {
  let text = ep.description ?? 'No description provided.';
  if (ep.secure) text += '\n\n**Internal Endpoint**: This endpoint is an API for the Misskey mainframe and is not intended for use by third parties.';
  text += `\n\n**Credential required**: *${ep.credential === 'required' ? 'Yes' : 'No'}*`;
  if (ep.permission) text += ` / **Permission**: *${ep.permission}*`;
  if (ep.role) text += ` / **Role**: *${ep.role}*`;
  return text;
}
