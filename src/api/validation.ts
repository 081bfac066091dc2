import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { ApiError, E } from './errors.js';

// ajv-formats is CommonJS whose typings describe an ESM default export; Node's default import is
// module.exports, the function itself. A static import (not require()) lets the production build
// bundle it with the same Ajv as ours.
const addFormats = ajvFormats as unknown as (ajv: Ajv) => Ajv;

/**
 * One Ajv for all endpoints: defaults applied, Misskey's `misskey:id` format known. Schemas are not
 * checked against the JSON Schema meta-schema when compiled (`checkSchemas` does): compiling the
 * meta-schema's validator was ~25 ms of a process's first request, and the endpoints' schemas are
 * fixed, so test/conformance checks them all once.
 */
export function createAjv({ checkSchemas = false }: { checkSchemas?: boolean } = {}): Ajv {
  const ajv = new Ajv({ useDefaults: true, allErrors: false, strict: false, coerceTypes: false, validateSchema: checkSchemas });
  addFormats(ajv);
  ajv.addFormat('misskey:id', /^[a-zA-Z0-9]+$/);
  return ajv;
}

/** A compiled params validator: mutates `data` (defaults) and throws INVALID_PARAM. */
export type ParamsValidator = (data: Record<string, unknown>) => void;

export function compileParams(ajv: Ajv, schema: TSchema): ParamsValidator {
  const validate: ValidateFunction = ajv.compile(schema);
  return (data) => {
    if (validate(data)) return;
    const first = validate.errors?.[0];
    throw new ApiError(E.invalidParam, { param: first?.schemaPath ?? '', reason: first?.message ?? 'invalid' });
  };
}

/**
 * Query-string and multipart values arrive as strings; like Misskey, JSON-parse those
 * whose schema type is boolean, number or integer (and, for misskey-js's multipart
 * fields, object or array).
 */
export function castStringParams(schema: TSchema, data: Record<string, unknown>): void {
  const properties = (schema as { properties?: Record<string, { type?: unknown; anyOf?: { type?: unknown }[] }> }).properties;
  if (!properties) return;
  for (const [key, prop] of Object.entries(properties)) {
    const value = data[key];
    if (typeof value !== 'string') continue;
    const types = [prop.type, ...(prop.anyOf ?? []).map((s) => s.type)].filter((t): t is string => typeof t === 'string');
    const castTo = types.find((t) => ['boolean', 'number', 'integer', 'object', 'array'].includes(t));
    if (!castTo || types.includes('string')) continue;
    try {
      data[key] = JSON.parse(value);
    } catch {
      throw new ApiError(E.invalidParamCast, { param: key, reason: `cannot cast to ${castTo}` });
    }
  }
}
