import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { defineEndpoint } from '../../endpoint.js';
import { NoParams } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'admin/get-index-stats',
  tags: ['admin'],
  description: "Lists the database's indexes by table.",
  credential: 'required',
  role: 'admin',
  permission: 'read:admin:index-stats',
  params: NoParams,
  res: Type.Array(Type.Object({ tablename: Type.String(), indexname: Type.String() })),
  async handler({ svc }) {
    const { db, dialect } = svc.database;
    const query =
      dialect === 'postgres'
        ? sql<{ tablename: string; indexname: string }>`SELECT tablename, indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY tablename, indexname`
        : sql<{ tablename: string; indexname: string }>`SELECT tbl_name AS tablename, name AS indexname FROM sqlite_master WHERE type = 'index' ORDER BY tbl_name, name`;
    return (await query.execute(db)).rows;
  },
});
