import type { Bus } from '../../infra/bus/bus.js';
import { InvalidationChannel } from '../../infra/bus/invalidation.js';
import { InvalidatableLru } from '../../lib/invalidatable-lru.js';
import type { DomainEventHub, DomainEventName, DomainEvents } from '../events.js';
import type { RelationsRepo, ViewerRelations } from './relations.repo.js';

export type { ViewerRelations } from './relations.repo.js';

/** Bus topic on which every process hears whose relations changed (body: user ids). */
const INVALIDATE_TOPIC = 'internal:viewer-relations';

/** Whose cached relations each domain event makes stale. */
const STALE_AFTER: { [K in DomainEventName]?: (e: DomainEvents[K]) => string[] } = {
  'follow.created': (e) => [e.followerId],
  'follow.deleted': (e) => [e.followerId],
  'follow.updated': (e) => [e.followerId],
  'block.created': (e) => [e.blockerId, e.blockeeId],
  'block.deleted': (e) => [e.blockerId, e.blockeeId],
  'mute.changed': (e) => [e.muterId],
  'profile.updated': (e) => [e.userId],
  'account.deleted': (e) => [e.userId],
};

/** How many viewers are kept, and how long an entry is trusted without any event (a safety net). */
export interface ViewerRelationsCacheOptions {
  maxEntries: number;
  ttlMs: number;
}

const DEFAULTS: ViewerRelationsCacheOptions = { maxEntries: 2_000, ttlMs: 5 * 60_000 };

/**
 * Each viewer's relations (ViewerRelations), loaded in one statement and kept in memory, so a
 * timeline, users/notes or i/notifications page does not ask for them again. Bounded (least
 * recently used out first). An entry is dropped when a domain event changes it, in this
 * process at once and in every other process over the bus; it also expires when one of the
 * viewer's mutes does, and after `ttlMs` in any case.
 */
export class ViewerRelationsCache {
  readonly #entries: InvalidatableLru<ViewerRelations>;
  readonly #options: ViewerRelationsCacheOptions;
  readonly #invalidation: InvalidationChannel;

  constructor(
    private readonly repo: RelationsRepo,
    events: DomainEventHub,
    bus: Bus,
    options: Partial<ViewerRelationsCacheOptions> = {},
  ) {
    this.#options = { ...DEFAULTS, ...options };
    this.#entries = new InvalidatableLru(this.#options.maxEntries);
    this.#invalidation = new InvalidationChannel(bus, INVALIDATE_TOPIC, (ids) => this.#entries.drop(ids));
    for (const [event, staleUsers] of Object.entries(STALE_AFTER) as [DomainEventName, (e: unknown) => string[]][]) {
      events.on(event, (e) => this.#invalidation.invalidate(staleUsers(e)));
    }
  }

  /** `userId`'s relations, from memory when known and still valid. */
  async get(userId: string): Promise<ViewerRelations> {
    const now = Date.now();
    const cached = this.#entries.get(userId, now);
    if (cached) return cached;
    const ticket = this.#entries.ticket();
    const { relations, expiresAt } = await this.repo.viewerRelations(userId, now);
    this.#entries.set(userId, relations, ticket, Math.min(now + this.#options.ttlMs, expiresAt ?? Infinity));
    return relations;
  }
}
