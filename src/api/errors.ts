/** How Misskey classifies an error; decides the default HTTP status. */
export type ErrorKind = 'client' | 'server' | 'permission';

/** One Misskey error: the wire `code`, its stable `id` (a UUID) and the HTTP status. */
export interface ErrorDef {
  message: string;
  code: string;
  id: string;
  kind?: ErrorKind;
  /** Overrides the status implied by `kind` (client 400, permission 403, server 500). */
  httpStatusCode?: number;
}

/** An error the API returns to the client in Misskey's envelope. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;

  constructor(
    readonly def: ErrorDef,
    readonly info?: unknown,
  ) {
    super(def.message);
    this.name = 'ApiError';
    this.kind = def.kind ?? 'client';
    this.status = def.httpStatusCode ?? (this.kind === 'permission' ? 403 : this.kind === 'server' ? 500 : 400);
  }

  /** The body Misskey sends: `{error: {message, code, id, kind, info?}}`. */
  toBody(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { message: this.def.message, code: this.def.code, id: this.def.id, kind: this.kind };
    if (this.info !== undefined) error.info = this.info;
    return { error };
  }
}

/** The errors every endpoint may return (Misskey's codes and ids). */
export const E = {
  credentialRequired: { message: 'Credential required.', code: 'CREDENTIAL_REQUIRED', id: '1384574d-a912-4b81-8601-c7b1c4085df1', httpStatusCode: 401 },
  authenticationFailed: { message: 'Authentication failed. Please ensure your token is correct.', code: 'AUTHENTICATION_FAILED', id: 'b0a7f5f8-dc2f-4171-b91f-de88ad238e14', httpStatusCode: 401 },
  suspended: { message: 'Your account has been suspended.', code: 'YOUR_ACCOUNT_SUSPENDED', id: 'a8c724b3-6e9c-4b46-b1a8-bc3ed6258370', kind: 'permission' },
  moved: { message: 'You have moved your account.', code: 'YOUR_ACCOUNT_MOVED', id: '56f20ec9-fd06-4fa5-841b-edd6d7d4fa31', kind: 'permission' },
  accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '56f35758-7dd5-468b-8439-5d6fb8ec9b8e' },
  notModerator: { message: 'You are not assigned to a moderator role.', code: 'ROLE_PERMISSION_DENIED', id: 'd33d5333-db36-423d-a8f9-1a2b9549da41', kind: 'permission' },
  notAdministrator: { message: 'You are not assigned to an administrator role.', code: 'ROLE_PERMISSION_DENIED', id: 'c3d38592-54c0-429d-be96-5636b0431a61', kind: 'permission' },
  rolePolicyDenied: { message: 'You are not assigned to a required role.', code: 'ROLE_PERMISSION_DENIED', id: '7f86f06f-7e15-4057-8561-f4b6d4ac755a', kind: 'permission' },
  permissionDenied: { message: 'Your app does not have the necessary permissions to use this endpoint.', code: 'PERMISSION_DENIED', id: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838', kind: 'permission' },
  rateLimitExceeded: { message: 'Rate limit exceeded. Please try again later.', code: 'RATE_LIMIT_EXCEEDED', id: 'd5826d14-3982-4d2e-8011-b9e9f02499ef', httpStatusCode: 429 },
  invalidParam: { message: 'Invalid param.', code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' },
  invalidParamCast: { message: 'Invalid param.', code: 'INVALID_PARAM', id: '0b5f1631-7c1a-41a6-b399-cce335f34d85' },
  fileRequired: { message: 'File required.', code: 'FILE_REQUIRED', id: '4267801e-70d1-416a-b011-4ee502885d8b' },
  internal: { message: 'Internal error occurred. Please contact us if the error persists.', code: 'INTERNAL_ERROR', id: '5d37dbcb-891e-41ca-a3d6-e690c97775ac', kind: 'server' },
  unknownEndpoint: { message: 'Unknown API endpoint.', code: 'UNKNOWN_API_ENDPOINT', id: '2ca3b769-540a-4f08-9dd5-b5a825b6d0f1', httpStatusCode: 404 },
  // Not Misskey's (its Fastify answers these in Fastify's own shape); ours keep the envelope.
  invalidJson: { message: 'The request body is not valid JSON.', code: 'INVALID_JSON', id: 'a3a4c9d1-4a9e-4d47-9a0e-2c3b0d6f5e11' },
  unsupportedMediaType: { message: 'Unsupported Content-Type; send application/json.', code: 'UNSUPPORTED_MEDIA_TYPE', id: 'c8e3f1f5-8b0f-4d35-a3f4-6f6f1a7a9b21', httpStatusCode: 415 },
  payloadTooLarge: { message: 'The request body is too large.', code: 'PAYLOAD_TOO_LARGE', id: '5b1f3c6e-2a4d-4e8f-9c1a-7d2e4b6a8c31', httpStatusCode: 413 },
  methodNotAllowed: { message: 'This endpoint accepts POST only.', code: 'METHOD_NOT_ALLOWED', id: 'e7c2a9b4-1f3d-4c5e-8a6b-9d0f2e4c6a41', httpStatusCode: 405 },
} satisfies Record<string, ErrorDef>;
