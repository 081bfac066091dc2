import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { DB } from './schema.js';

/** A value a precompiled query is run with (booleans are not: SQLite binds them only through Kysely's plugin). */
export type PrecompiledArg = string | number | null;

/** What a precompiled query keeps per database: the compiled SQL and where each argument goes. */
interface Template {
  compiled: CompiledQuery;
  /** For each parameter of the compiled SQL, the index of the argument that fills it, or -1 for a constant. */
  slots: number[];
}

/** Stands in for argument `i` while the query is built; no real value looks like it. */
const placeholder = (i: number) => `\u0000precompiled-arg-${i}\u0000`;

/**
 * A query built and compiled by Kysely once per database and then run with new values.
 * On the hottest paths (authentication, `i`) Kysely's building, plugin transforms and
 * compiling cost more CPU than SQLite running the statement. `build` gets placeholders for
 * the arguments and may use them only as plain values (`where('id', '=', id)`), never in an
 * `in` list or as SQL text, because the SQL must be the same for every call.
 * A transaction is a different Kysely instance: there the query is simply compiled per call.
 */
export function precompiled<Args extends PrecompiledArg[], Row>(
  build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>,
): (db: Kysely<DB>, ...args: Args) => Promise<Row[]> {
  const templates = new WeakMap<Kysely<DB>, Template>();
  return async (db, ...args) => {
    let template = templates.get(db);
    if (!template) {
      template = compileTemplate(db, build, args.length);
      templates.set(db, template);
    }
    const { compiled, slots } = template;
    const parameters = slots.map((slot, i) => (slot < 0 ? compiled.parameters[i] : args[slot]));
    const result = await db.executeQuery<Row>({ ...compiled, parameters } as CompiledQuery<Row>);
    return result.rows;
  };
}

function compileTemplate<Args extends PrecompiledArg[], Row>(
  db: Kysely<DB>,
  build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>,
  arity: number,
): Template {
  const placeholders = Array.from({ length: arity }, (_, i) => placeholder(i)) as Args;
  const compiled = build(db, ...placeholders).compile();
  const slots = compiled.parameters.map((p) => (typeof p === 'string' ? placeholders.indexOf(p) : -1));
  for (let i = 0; i < arity; i++) {
    if (!slots.includes(i)) throw new Error(`precompiled query: argument ${i} is not used as a value`);
  }
  return { compiled, slots };
}
