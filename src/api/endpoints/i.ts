import { UserPacker } from '../entities/user-packer.js';
import { defineEndpoint } from '../endpoint.js';
import { NoParams, Ref } from '../schemas/common.js';

export default defineEndpoint({
  name: 'i',
  tags: ['account'],
  description: "The caller's own account (MeDetailed).",
  credential: 'required',
  permission: 'read:account',
  params: NoParams,
  res: Ref('MeDetailed'),
  async handler({ me, svc }) {
    return new UserPacker(svc).packMe(me);
  },
});
