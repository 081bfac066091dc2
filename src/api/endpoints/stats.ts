import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../endpoint.js';
import { NoParams } from '../schemas/common.js';

export default defineEndpoint({
  name: 'stats',
  tags: ['meta'],
  description: 'Counts of notes, users, known instances and drive usage.',
  credential: 'none',
  params: NoParams,
  res: Type.Object({
    notesCount: Type.Integer(),
    originalNotesCount: Type.Integer(),
    usersCount: Type.Integer(),
    originalUsersCount: Type.Integer(),
    instances: Type.Integer(),
    driveUsageLocal: Type.Integer(),
    driveUsageRemote: Type.Integer(),
  }),
  async handler({ svc }) {
    return svc.stats.get();
  },
});
