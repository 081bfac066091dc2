import { Type } from '@sinclair/typebox';
import { DriveFilePacker } from '../../entities/drive-file-packer.js';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Nullable, Paging, Ref } from '../../schemas/common.js';

/** A MIME type or family (`image/*`) to filter by, as Misskey allows it. */
export const FileTypeFilter = Type.Optional(Nullable(Type.String({ pattern: '^[a-zA-Z\\/\\-*]+$' })));

export default defineEndpoint({
  name: 'drive/files',
  tags: ['drive'],
  description: "The caller's files in one folder (the root by default).",
  credential: 'required',
  permission: 'read:drive',
  params: Type.Object({
    ...Paging,
    folderId: Type.Optional(Nullable(Id, { default: null })),
    type: FileTypeFilter,
    sort: Type.Optional(Nullable(Type.Union((['+createdAt', '-createdAt', '+name', '-name', '+size', '-size'] as const).map((s) => Type.Literal(s))))),
  }),
  res: Type.Array(Ref('DriveFile')),
  async handler({ params, me, svc }) {
    const rows = await svc.drive.files.list(me.id, { ...params, limit: params.limit ?? 10, folderId: params.folderId ?? null });
    return new DriveFilePacker(svc).packMany(rows, { self: true });
  },
});
