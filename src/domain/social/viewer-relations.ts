import type { Bus } from '../../infra/bus/bus.js';
import { InvalidationChannel } from '../../infra/bus/invalidation.js';
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
  readonly #entries = new Map<string, { relations: ViewerRelations; validUntil: number }>();
  readonly #options: ViewerRelationsCacheOptions;
  // Counts invalidations: a load that overlapped one may have read the old rows, so it is not kept.
  #generation = 0;
  readonly #otherProcesses: InvalidationChannel;

  constructor(
    private readonly repo: RelationsRepo,
    events: DomainEventHub,
    bus: Bus,
    options: Partial<ViewerRelationsCacheOptions> = {},
  ) {
    this.#options = { ...DEFAULTS, ...options };
    this.#otherProcesses = new InvalidationChannel(bus, INVALIDATE_TOPIC, (ids) => this.#drop(ids));
    for (const [event, staleUsers] of Object.entries(STALE_AFTER) as [DomainEventName, (e: unknown) => string[]][]) {
      events.on(event, (e) => this.#announce(staleUsers(e)));
    }
  }

  /** `userId`'s relations, from memory when known and still valid. */
  async get(userId: string): Promise<ViewerRelations> {
    const now = Date.now();
    const cached = this.#entries.get(userId);
    if (cached && cached.validUntil > now) {
      // Re-inserting keeps the Map in least-recently-used order.
      this.#entries.delete(userId);
      this.#entries.set(userId, cached);
      return cached.relations;
    }
    const generation = this.#generation;
    const { relations, expiresAt } = await this.repo.viewerRelations(userId, now);
    if (generation === this.#generation) {
      this.#entries.delete(userId);
      this.#entries.set(userId, { relations, validUntil: Math.min(now + this.#options.ttlMs, expiresAt ?? Infinity) });
      if (this.#entries.size > this.#options.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    }
    return relations;
  }

  /** Drops the users' entries here and tells the other processes to drop theirs. */
  #announce(userIds: string[]): Promise<void> {
    this.#drop(userIds);
    return this.#otherProcesses.announce(userIds);
  }

  #drop(userIds: string[]): void {
    this.#generation++;
    for (const id of userIds) this.#entries.delete(id);
  }
}
