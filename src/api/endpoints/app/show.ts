import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../endpoint.js';
import { Id, Ref } from '../../schemas/common.js';

export default defineEndpoint({
  name: 'app/show',
  tags: ['app'],
  description: 'An application of the legacy flow. compat: its secret is shown only by app/create (it is stored hashed).',
  credential: 'optional',
  params: Type.Object({ appId: Id }),
  res: Ref('App'),
  errors: { noSuchApp: { message: 'No such app.', code: 'NO_SUCH_APP', id: 'dce83913-2dc6-4093-8a7b-71dbb11718a3', on: ['app.notFound'] } },
  async handler({ params, me, svc }) {
    return svc.apps.get(params.appId, me?.id);
  },
});
