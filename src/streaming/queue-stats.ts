import type { QueueName } from '../infra/queue/queue.js';
import type { Services } from '../services.js';

interface QueueSnapshot {
  activeSincePrevTick: number;
  active: number;
  waiting: number;
  delayed: number;
}

/**
 * Samples the deliver and inbox queues as Misskey's queueStats feed reports them.
 * `activeSincePrevTick` counts jobs finished since the previous sample plus those running now.
 */
export function queueStatsSampler(svc: Services): () => Promise<object> {
  const finishedBefore = new Map<QueueName, number>();
  const snapshot = async (name: QueueName): Promise<QueueSnapshot> => {
    const counts = await svc.queue.counts(name);
    const finished = counts.completed + counts.failed;
    const previous = finishedBefore.get(name) ?? finished;
    finishedBefore.set(name, finished);
    return {
      activeSincePrevTick: Math.max(0, finished - previous) + counts.active,
      active: counts.active,
      waiting: counts.waiting,
      delayed: counts.delayed,
    };
  };
  return async () => {
    const [deliver, inbox] = await Promise.all([snapshot('deliver'), snapshot('inbox')]);
    return { deliver, inbox };
  };
}
