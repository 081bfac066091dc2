import { defineJob } from './define-job.js';

declare module '../infra/queue/queue.js' {
  interface JobMap {
    /** After account deletion: remove the user's drive files (bytes and rows) and folders. */
    deleteDriveFiles: { userId: string };
  }
}

export default defineJob({
  name: 'deleteDriveFiles',
  queue: 'db',
  attempts: 3,
  async handler({ userId }, { svc }) {
    // Idempotent: a rerun finds only the files a failed run left.
    return { deleted: await svc.drive.deleteAllOf(userId) };
  },
});
