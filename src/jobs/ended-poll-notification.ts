import { defineJob } from './define-job.js';

declare module '../infra/queue/queue.js' {
  interface JobMap {
    /** A poll closed: notify its author and every local voter (pollEnded). Enqueued with a delay when the note is posted. */
    endedPollNotification: { noteId: string };
  }
}

export default defineJob({
  name: 'endedPollNotification',
  queue: 'endedPollNotification',
  async handler({ noteId }, { svc }) {
    await svc.noteNotifier.pollEnded(noteId);
  },
});
