import { Type } from '@sinclair/typebox';
import { DriveFilePacker } from '../../../entities/drive-file-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { Id, Nullable, Ref } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'drive/files/update',
  tags: ['drive'],
  description: "Rename a drive file, change its comment or sensitivity, or move it to another folder.",
  credential: 'required',
  permission: 'write:drive',
  params: Type.Object({
    fileId: Id,
    folderId: Type.Optional(Nullable(Id)),
    name: Type.Optional(Type.String()),
    isSensitive: Type.Optional(Type.Boolean()),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 512 }))),
  }),
  res: Ref('DriveFile'),
  errors: {
    invalidFileName: { message: 'Invalid file name.', code: 'INVALID_FILE_NAME', id: '395e7156-f9f0-475e-af89-53c3c23080c2', on: ['drive.invalidFileName'] },
    noSuchFile: { message: 'No such file.', code: 'NO_SUCH_FILE', id: 'e7778c7e-3af9-49cd-9690-6dbc3e6c972d', on: ['drive.noSuchFile'] },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '01a53b27-82fc-445b-a0c1-b558465a8ed2', kind: 'permission', on: ['drive.accessDenied'] },
    noSuchFolder: { message: 'No such folder.', code: 'NO_SUCH_FOLDER', id: 'ea8fb7a5-af77-4a08-b608-c0218176cd73', on: ['drive.noSuchFolder'] },
    restrictedByRole: { message: 'This feature is restricted by your role.', code: 'RESTRICTED_BY_ROLE', id: '7f59dccb-f465-75ab-5cf4-3ce44e3282f7', on: ['drive.restrictedByRole'] },
  },
  async handler({ params, me, svc }) {
    const { fileId, ...change } = params;
    const file = await svc.drive.update(me, fileId, change);
    return new DriveFilePacker(svc).pack(file, { self: true });
  },
});
