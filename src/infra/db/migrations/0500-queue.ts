import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('queue_job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('runAt', 'bigint', (c) => c.notNull())
    .addColumn('createdAt', 'bigint', (c) => c.notNull())
    .addColumn('delay', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('backoff', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('attemptsMade', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stalledCount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processedOn', 'bigint')
    .addColumn('finishedOn', 'bigint')
    .addColumn('lockedBy', 'text')
    .addColumn('leaseUntil', 'bigint')
    .addColumn('failedReason', 'text')
    .addColumn('stacktrace', 'text')
    .addColumn('returnValue', 'text')
    .execute();
  // Workers poll "due waiting jobs, oldest first" and sweep expired leases of active ones.
  await db.schema.createIndex('queue_job_due').on('queue_job').columns(['state', 'runAt']).execute();
  // Admin listings and counts go by queue and state, newest first; pruning by finish time.
  await db.schema.createIndex('queue_job_queue_state').on('queue_job').columns(['queue', 'state', 'id']).execute();
  await db.schema.createIndex('queue_job_finished').on('queue_job').columns(['state', 'finishedOn']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('queue_job').execute();
}
