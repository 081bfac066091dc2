import { SqliteAdapter, type Compilable, type CompiledQuery, type Kysely, type KyselyPlugin } from 'kysely';
import type { DB } from './schema.js';

/** A value a precompiled query is run with. */
export type PrecompiledArg = string | number | boolean | null;

/** What a precompiled query keeps per database: the compiled SQL and where each argument goes. */
interface Template {
  compiled: CompiledQuery;
  /** For each parameter of the compiled SQL, the index of the argument that fills it, or -1 for a constant. */
  slots: number[];
  /** The plugins it was compiled with (they transform queries while compiling). */
  plugins: readonly KyselyPlugin[];
  /** better-sqlite3 binds no booleans: they go as 0/1, as the boolean plugin writes them. */
  sqlite: boolean;
}

/** Stands in for argument `i` while the query is built; no real value looks like it. */
const placeholder = (i: number) => `\u0000precompiled-arg-${i}\u0000`;

/**
 * A query built and compiled by Kysely once per database and then run with new values.
 * On the hottest paths (authentication, `i`, notes/create) Kysely's building, plugin transforms
 * and compiling cost more CPU than SQLite running the statement. `build` gets placeholders for
 * the arguments and may use them only as plain values (`where('id', '=', id)`), never in an
 * `in` list or as SQL text, because the SQL must be the same for every call.
 * A database's transactions share its template (same dialect and plugins, another connection).
 */
export function precompiled<Args extends PrecompiledArg[], Row>(
  build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>,
): (db: Kysely<DB>, ...args: Args) => Promise<Row[]> {
  // Keyed by the database's adapter, which its transactions share.
  const templates = new WeakMap<object, Template>();
  return async (db, ...args) => {
    const executor = db.getExecutor();
    let template = templates.get(executor.adapter);
    if (!template) {
      template = compileTemplate(db, build, args.length);
      templates.set(executor.adapter, template);
    } else if (!samePlugins(template.plugins, executor.plugins)) {
      // Another plugin set (withPlugin, withSchema) compiles other SQL: built for this call only.
      template = compileTemplate(db, build, args.length);
    }
    const { compiled, slots, sqlite } = template;
    const parameters = slots.map((slot, i) => {
      const value = slot < 0 ? compiled.parameters[i] : args[slot];
      return sqlite && typeof value === 'boolean' ? Number(value) : value;
    });
    const result = await db.executeQuery<Row>({ ...compiled, parameters } as CompiledQuery<Row>);
    return result.rows;
  };
}

function samePlugins(a: readonly KyselyPlugin[], b: readonly KyselyPlugin[]): boolean {
  return a.length === b.length && a.every((plugin, i) => plugin === b[i]);
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
  const executor = db.getExecutor();
  return { compiled, slots, plugins: [...executor.plugins], sqlite: executor.adapter instanceof SqliteAdapter };
}
