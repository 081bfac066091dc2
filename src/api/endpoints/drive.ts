import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../endpoint.js';
import { NoParams } from '../schemas/common.js';

export default defineEndpoint({
  name: 'drive',
  tags: ['drive', 'account'],
  description: "The caller's drive capacity and usage in bytes.",
  credential: 'required',
  permission: 'read:drive',
  params: NoParams,
  res: Type.Object({ capacity: Type.Number(), usage: Type.Number() }),
  async handler({ me, svc }) {
    return svc.drive.capacityOf(me);
  },
});
