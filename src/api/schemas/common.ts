import { Type, type SchemaOptions, type TSchema } from '@sinclair/typebox';

/** A Misskey id (`misskey:id`: non-empty [a-zA-Z0-9]). */
export const Id = Type.String({ format: 'misskey:id' });

/** `T | null`. A default belongs in `options` (Ajv applies defaults only outside unions). */
export const Nullable = <T extends TSchema>(schema: T, options?: SchemaOptions) => Type.Union([schema, Type.Null()], options);

/** A date-time string as Misskey sends `createdAt`. */
export const DateTime = Type.String({ format: 'date-time' });

/** Misskey's usual paging params: limit 1–100 (default 10), sinceId/untilId, sinceDate/untilDate. */
export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  sinceId: Type.Optional(Id),
  untilId: Type.Optional(Id),
  sinceDate: Type.Optional(Type.Integer()),
  untilDate: Type.Optional(Type.Integer()),
};

/** An endpoint without params. */
export const NoParams = Type.Object({});

/** A reference to a named entity schema in /api.json's components (see schemas/entities.ts). */
export const Ref = (name: string): TSchema => Type.Unsafe({ $ref: `#/components/schemas/${name}` });
