import type { Kysely } from 'kysely';

// Rows per UPDATE while filling the counts of existing notes and polls (a few thousand parameters).
const BATCH = 500;

// Reaction counts per note (`{reaction: count}`) and vote counts per poll choice are kept on the
// note and poll rows, as Misskey stores `note.reactions` and `poll.votes`, so packing a page of
// notes reads them with the rows instead of counting note_reaction and poll_vote every time.
// The reactions and polls services keep them up to date in the same transaction as the rows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('note').addColumn('reactions', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('poll').addColumn('votes', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await fillReactions(db);
  await fillVotes(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('poll').dropColumn('votes').execute();
  await db.schema.alterTable('note').dropColumn('reactions').execute();
}

async function fillReactions(db: Kysely<any>): Promise<void> {
  const rows = (await db
    .selectFrom('note_reaction')
    .select((eb) => ['noteId', 'reaction', eb.fn.countAll().as('n')])
    .groupBy(['noteId', 'reaction'])
    .execute()) as { noteId: string; reaction: string; n: number | string }[];
  const counts = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const perNote = counts.get(r.noteId) ?? {};
    perNote[r.reaction] = Number(r.n);
    counts.set(r.noteId, perNote);
  }
  await updateInBatches(db, 'note', 'id', 'reactions', counts);
}

async function fillVotes(db: Kysely<any>): Promise<void> {
  const polls: { noteId: string; choices: string }[] = await db.selectFrom('poll').select(['noteId', 'choices']).execute();
  const rows = (await db
    .selectFrom('poll_vote')
    .select((eb) => ['noteId', 'choice', eb.fn.countAll().as('n')])
    .groupBy(['noteId', 'choice'])
    .execute()) as { noteId: string; choice: number | string; n: number | string }[];
  const votes = new Map<string, number[]>(polls.map((p) => [p.noteId, (JSON.parse(p.choices) as unknown[]).map(() => 0)]));
  for (const r of rows) {
    const perPoll = votes.get(r.noteId);
    if (perPoll && Number(r.choice) < perPoll.length) perPoll[Number(r.choice)] = Number(r.n);
  }
  await updateInBatches(db, 'poll', 'noteId', 'votes', votes);
}

/** Sets `column` of each row keyed `key` to its JSON value, a batch of rows per statement. */
async function updateInBatches(db: Kysely<any>, table: string, key: string, column: string, values: Map<string, unknown>): Promise<void> {
  const entries = [...values];
  for (let i = 0; i < entries.length; i += BATCH) {
    const batch = entries.slice(i, i + BATCH);
    await db
      .updateTable(table)
      .set((eb) => ({
        [column]: batch.reduce((c, [id, value]) => c.when(key, '=', id).then(JSON.stringify(value)), eb.case() as any).else(eb.ref(column)).end(),
      }))
      .where(key, 'in', batch.map(([id]) => id))
      .execute();
  }
}
