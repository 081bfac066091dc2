import type { Kysely, Updateable } from 'kysely';
import type { DB, DriveFileRow, DriveFileTable, NoteRow } from '../../infra/db/schema.js';
import { paginate, type PageParams } from '../notes/paging.js';

/** How drive/files may order a folder's files (Misskey's `sort`: + = descending). */
export type DriveFileSort = '+createdAt' | '-createdAt' | '+name' | '-name' | '+size' | '-size';

/** Filters of a file listing. */
export interface FileListQuery extends PageParams {
  /** Only files in this folder; null = the root; undefined = anywhere (drive/stream). */
  folderId?: string | null;
  /** A MIME type, or a family like `image/*`. */
  type?: string | null;
  sort?: DriveFileSort | null;
}

/** Which stored version of a file an access key names. */
export type FileVariant = 'original' | 'thumbnail' | 'webpublic';

/** Queries on `drive_file`; no rules. */
export class DriveFilesRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findById(id: string): Promise<DriveFileRow | undefined> {
    return this.db.selectFrom('drive_file').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Rows keyed by id; ids without a row are absent. */
  async findManyByIds(ids: readonly string[]): Promise<Map<string, DriveFileRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('drive_file').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The file stored under `key` (original, thumbnail or web-public version) and which version it is. */
  async findByAccessKey(key: string): Promise<{ file: DriveFileRow; variant: FileVariant } | undefined> {
    const file = await this.db
      .selectFrom('drive_file')
      .selectAll()
      .where((eb) => eb.or([eb('accessKey', '=', key), eb('thumbnailAccessKey', '=', key), eb('webpublicAccessKey', '=', key)]))
      .executeTakeFirst();
    if (!file) return undefined;
    const variant: FileVariant = file.accessKey === key ? 'original' : file.thumbnailAccessKey === key ? 'thumbnail' : 'webpublic';
    return { file, variant };
  }

  findByMd5(userId: string, md5: string): Promise<DriveFileRow | undefined> {
    return this.db.selectFrom('drive_file').selectAll().where('userId', '=', userId).where('md5', '=', md5).orderBy('id').executeTakeFirst();
  }

  findAllByMd5(userId: string, md5: string): Promise<DriveFileRow[]> {
    return this.db.selectFrom('drive_file').selectAll().where('userId', '=', userId).where('md5', '=', md5).orderBy('id', 'desc').execute();
  }

  findByName(userId: string, name: string, folderId: string | null): Promise<DriveFileRow[]> {
    let q = this.db.selectFrom('drive_file').selectAll().where('userId', '=', userId).where('name', '=', name);
    q = folderId === null ? q.where('folderId', 'is', null) : q.where('folderId', '=', folderId);
    return q.orderBy('id', 'desc').execute();
  }

  /** A page of a user's files. */
  list(userId: string, query: FileListQuery): Promise<DriveFileRow[]> {
    let q = this.db.selectFrom('drive_file').selectAll().where('userId', '=', userId);
    if (query.folderId !== undefined) q = query.folderId === null ? q.where('folderId', 'is', null) : q.where('folderId', '=', query.folderId);
    // The endpoint restricts `type` to letters, '/', '-' and '*', so it holds no LIKE wildcards.
    if (query.type) {
      q = query.type.endsWith('/*') ? q.where('type', 'like', `${query.type.slice(0, -1)}%`) : q.where('type', '=', query.type);
    }
    q = paginate(q, 'id', query);
    if (query.sort) {
      const column = query.sort.slice(1) === 'createdAt' ? 'id' : (query.sort.slice(1) as 'name' | 'size');
      q = q.clearOrderBy().orderBy(column, query.sort.startsWith('+') ? 'desc' : 'asc');
    }
    return q.execute();
  }

  /**
   * `userId`'s notes that carry `fileId`, paged newest first. Files attach only to their
   * owner's notes, so the (userId, id) index narrows the scan; `fileId` is a validated id
   * (letters and digits), so it holds no LIKE wildcards.
   */
  attachedNotes(userId: string, fileId: string, page: PageParams): Promise<NoteRow[]> {
    const q = this.db.selectFrom('note').selectAll().where('userId', '=', userId).where('fileIds', 'like', `%"${fileId}"%`);
    return paginate(q, 'id', page).execute();
  }

  /** Bytes a user's stored (not linked) files take. */
  async usageOf(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('drive_file')
      .select((eb) => eb.fn.sum<number | string | null>('size').as('total'))
      .where('userId', '=', userId)
      .where('isLink', '=', false)
      .executeTakeFirst();
    return Number(row?.total ?? 0);
  }

  async insert(row: DriveFileRow): Promise<void> {
    await this.db.insertInto('drive_file').values(row).execute();
  }

  async update(id: string, patch: Updateable<DriveFileTable>): Promise<void> {
    await this.db.updateTable('drive_file').set(patch).where('id', '=', id).execute();
  }

  /** Moves those of `ids` that belong to `userId` into `folderId` (null = root). */
  async moveMany(userId: string, ids: readonly string[], folderId: string | null): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('drive_file').set({ folderId }).where('userId', '=', userId).where('id', 'in', [...ids]).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('drive_file').where('id', '=', id).execute();
  }

  /** How many files each folder directly holds. */
  async countByFolder(folderIds: readonly string[]): Promise<Map<string, number>> {
    if (folderIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('drive_file')
      .select(['folderId', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('folderId', 'in', [...new Set(folderIds)])
      .groupBy('folderId')
      .execute();
    return new Map(rows.map((r) => [r.folderId!, Number(r.n)]));
  }
}
