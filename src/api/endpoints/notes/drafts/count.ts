import { defineEndpoint } from '../../../endpoint.js';
import { NoParams } from '../../../schemas/common.js';
import { Type } from '@sinclair/typebox';

export default defineEndpoint({
  name: 'notes/drafts/count',
  tags: ['notes', 'drafts'],
  description: "How many drafts the caller has.",
  credential: 'required',
  permission: 'read:account',
  prohibitMoved: true,
  params: NoParams,
  res: Type.Integer(),
  async handler({ me, svc }) {
    return svc.noteDrafts.count(me);
  },
});
