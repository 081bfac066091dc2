import { EventEmitter } from 'node:events';

/**
 * What happened in the domain, for the parts that react to it (notifications, streaming,
 * counters) without the acting code knowing them. Emitted after the change is committed.
 * Payloads carry ids and the rows needed to react; add an event here when a feature needs one.
 */
export interface DomainEvents {
  'user.created': { userId: string };
  'follow.created': { followerId: string; followeeId: string };
  'follow.deleted': { followerId: string; followeeId: string };
  'followRequest.created': { followerId: string; followeeId: string };
  'followRequest.accepted': { followerId: string; followeeId: string };
  'block.created': { blockerId: string; blockeeId: string };
  'note.created': { noteId: string; userId: string };
  'note.deleted': { noteId: string; userId: string; deletedAt: number };
  'reaction.created': { noteId: string; noteUserId: string; userId: string; reaction: string };
  'reaction.deleted': { noteId: string; noteUserId: string; userId: string; reaction: string };
  'poll.voted': { noteId: string; noteUserId: string; userId: string; choice: number };
  'token.created': { userId: string; tokenId: string };
  'signin.succeeded': { userId: string; ip: string };
}

export type DomainEventName = keyof DomainEvents;
export type DomainEventListener<K extends DomainEventName> = (payload: DomainEvents[K]) => void | Promise<void>;

/** A typed, in-process event hub built once in the composition root; listener failures are reported, never thrown back. */
export class DomainEventHub {
  readonly #emitter = new EventEmitter({ captureRejections: false });

  constructor(private readonly onListenerError: (err: unknown, event: string) => void) {
    this.#emitter.setMaxListeners(100);
  }

  on<K extends DomainEventName>(event: K, listener: DomainEventListener<K>): () => void {
    const wrapped = (payload: DomainEvents[K]) => {
      try {
        const result = listener(payload);
        if (result instanceof Promise) result.catch((err: unknown) => this.onListenerError(err, event));
      } catch (err) {
        this.onListenerError(err, event);
      }
    };
    this.#emitter.on(event, wrapped);
    return () => this.#emitter.off(event, wrapped);
  }

  emit<K extends DomainEventName>(event: K, payload: DomainEvents[K]): void {
    this.#emitter.emit(event, payload);
  }
}
