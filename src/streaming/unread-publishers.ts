import type { DomainEvents } from '../domain/events.js';
import type { Services } from '../services.js';

/** How long an addressed note may stay unread before the reader's clients are told (Misskey: 2 s). */
const UNREAD_DELAY_MS = 2000;

/**
 * Main-stream events of unread addressed notes: `unreadMention` / `unreadSpecifiedNote`
 * (the note id) when a note is still unread after a moment, and `readAllUnreadMentions` /
 * `readAllUnreadSpecifiedNotes` when none is left. Returns the function that stops it and
 * cancels pending timers.
 */
export function startUnreadPublishers(svc: Services, onError: (err: unknown) => void): () => void {
  const timers = new Set<NodeJS.Timeout>();
  const publish = (userId: string, type: string, body?: string) => svc.bus.publish(`main:${userId}`, body === undefined ? { type } : { type, body });

  const onCreated = ({ id, userId, noteId, isSpecified }: DomainEvents['noteUnread.created']) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void (async () => {
        if (!(await svc.noteUnreads.isUnread(id))) return;
        await publish(userId, isSpecified ? 'unreadSpecifiedNote' : 'unreadMention', noteId);
      })().catch(onError);
    }, UNREAD_DELAY_MS);
    timer.unref();
    timers.add(timer);
  };

  const onAllRead = async ({ userId, mentions, specified }: DomainEvents['noteUnread.allRead']) => {
    if (mentions) await publish(userId, 'readAllUnreadMentions');
    if (specified) await publish(userId, 'readAllUnreadSpecifiedNotes');
  };

  const stops = [svc.events.on('noteUnread.created', onCreated), svc.events.on('noteUnread.allRead', onAllRead)];
  return () => {
    stops.forEach((stop) => stop());
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
}
