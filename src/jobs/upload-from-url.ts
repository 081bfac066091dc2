import type { UploadFromUrlInput } from '../domain/drive/upload-from-url.js';
import { defineJob } from './define-job.js';

declare module '../infra/queue/queue.js' {
  interface JobMap {
    /** drive/files/upload-from-url: fetch a URL into a user's drive and announce urlUploadFinished. */
    uploadFromUrl: UploadFromUrlInput & { userId: string };
  }
}

export default defineJob({
  name: 'uploadFromUrl',
  queue: 'db',
  async handler({ userId, ...input }, { svc }) {
    const user = await svc.usersRepo.findById(userId);
    // The account may be gone by the time the job runs; then there is nothing to upload into.
    if (!user) return;
    const file = await svc.drive.uploadFromUrl(user, input);
    return { fileId: file.id };
  },
});
