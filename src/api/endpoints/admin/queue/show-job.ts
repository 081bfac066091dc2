import { Type } from '@sinclair/typebox';
import { packQueueJob } from '../../../entities/queue-packer.js';
import { defineEndpoint } from '../../../endpoint.js';
import { ApiError } from '../../../errors.js';
import { Ref } from '../../../schemas/common.js';
import { QueueNameParam } from '../../../schemas/queue.js';

const errors = {
  // compat: Misskey throws a plain Error here (a 500 INTERNAL_ERROR); we answer a named 400.
  noSuchJob: { message: 'No such job.', code: 'NO_SUCH_JOB', id: 'b6f3a3c1-6f0e-4d2a-9c55-2f6c1f0d8e21' },
};

export default defineEndpoint({
  name: 'admin/queue/show-job',
  tags: ['admin'],
  description: 'One job of a queue, with its payload, attempts and failure.',
  credential: 'required',
  role: 'moderator',
  permission: 'read:admin:queue',
  params: Type.Object({ queue: QueueNameParam, jobId: Type.String() }),
  res: Ref('QueueJob'),
  errors,
  async handler({ params, svc }) {
    const job = await svc.queue.job(params.queue, params.jobId);
    if (!job) throw new ApiError(errors.noSuchJob);
    return packQueueJob(job);
  },
});
