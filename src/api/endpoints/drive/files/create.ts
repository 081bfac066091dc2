import { Type } from '@sinclair/typebox';
import { uploadName } from '../../../../domain/drive/file-names.js';
import { DriveFilePacker } from '../../../entities/drive-file-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Nullable, Ref } from '../../../schemas/common.js';

const HOUR = 60 * 60 * 1000;

export default defineEndpoint({
  name: 'drive/files/create',
  tags: ['drive'],
  description: 'Upload a new drive file.',
  credential: 'required',
  permission: 'write:drive',
  prohibitMoved: true,
  requireFile: true,
  limit: { duration: HOUR, max: 120 },
  params: Type.Object({
    folderId: Type.Optional(Nullable(Id, { default: null })),
    name: Type.Optional(Nullable(Type.String(), { default: null })),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 512 }), { default: null })),
    isSensitive: Type.Optional(Type.Boolean({ default: false })),
    force: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: Ref('DriveFile'),
  errors: {
    invalidFileName: { message: 'Invalid file name.', code: 'INVALID_FILE_NAME', id: 'f449b209-0c60-4e51-84d5-29486263bfd4', on: ['drive.invalidFileName'] },
    inappropriate: { message: 'Cannot upload the file because it has been determined that it possibly contains inappropriate content.', code: 'INAPPROPRIATE', id: 'bec5bd69-fba3-43c9-b4fb-2894b66ad5d2' },
    noFreeSpace: { message: 'Cannot upload the file because you have no free space of drive.', code: 'NO_FREE_SPACE', id: 'd08dbc37-a6a9-463a-8c47-96c32ab5f064', on: ['drive.noFreeSpace'] },
    maxFileSizeExceeded: { message: 'Cannot upload the file because it exceeds the maximum file size.', code: 'MAX_FILE_SIZE_EXCEEDED', id: 'b9d8c348-33f0-4673-b9a9-5d4da058977a', httpStatusCode: 413, on: ['drive.maxFileSizeExceeded'] },
    unallowedFileType: { message: 'Cannot upload the file because it is an unallowed file type.', code: 'UNALLOWED_FILE_TYPE', id: '4becd248-7f2c-48c4-a9f0-75edc4f9a1ea', on: ['drive.unallowedFileType'] },
    // compat: Misskey 2025.9 fails with a 500 on an unknown folder; newer releases answer this.
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: '31ca6cdb-44f7-4b9d-bf03-4c8067dd7a1a', on: ['drive.noSuchFolder'] },
  },
  async handler({ params, me, svc, file }) {
    const upload = file!;
    const name = uploadName(params.name ?? upload.name);
    const row = await svc.drive.addFile({
      user: me,
      path: upload.path,
      name,
      comment: params.comment,
      folderId: params.folderId,
      force: params.force,
      sensitive: params.isSensitive,
    });
    return new DriveFilePacker(svc).pack(row, { self: true });
  },
});
