import type { Bus } from '../../infra/bus/bus.js';
import { InvalidationChannel } from '../../infra/bus/invalidation.js';
import { InvalidatableLru } from '../../lib/invalidatable-lru.js';
import type { DomainEventHub, DomainEventName, DomainEvents } from '../events.js';
import type { UsersRepo, UserWithImage } from './users.repo.js';

export type { UserWithImage } from './users.repo.js';

/** Bus topic on which every process hears whose cached user rows are stale (body: user ids). */
const INVALIDATE_TOPIC = 'internal:users';

/**
 * Whose `user` or `user_image` row each domain event says was written. Writers that no other
 * event names (token, suspension, activity, direct edits) emit `user.changed`.
 */
const STALE_AFTER: { [K in DomainEventName]?: (e: DomainEvents[K]) => string[] } = {
  'user.changed': (e) => e.userIds,
  // i/update: name, flags, avatar and banner.
  'profile.updated': (e) => [e.userId],
  'account.deleted': (e) => [e.userId],
  // notesCount (and updatedAt when posting).
  'note.created': (e) => [e.userId],
  'note.deleted': (e) => [e.userId],
  // followingCount and followersCount (blocks remove follows with follow.deleted too).
  'follow.created': (e) => [e.followerId, e.followeeId],
  'follow.deleted': (e) => [e.followerId, e.followeeId],
};

/** How many users are kept, and how long an entry is trusted without any event (a safety net). */
export interface UserCacheOptions {
  maxEntries: number;
  ttlMs: number;
}

// A few thousand rows of ~1 KB: a few MB when full, nothing at idle.
const DEFAULTS: UserCacheOptions = { maxEntries: 5_000, ttlMs: 5 * 60_000 };

/**
 * Users (row and images) by id and native token hash → user id, kept in memory, so that
 * authentication and user-lite packing need no statement for a known user. Bounded (least
 * recently used out first). An entry is dropped when a domain event says its row was written,
 * in this process at once and in every other process over the bus; a load that overlapped a
 * drop is not kept. The time limit only covers writes made outside the server (an operator
 * editing the database by hand): every writer in the code announces its writes.
 * Cached rows are frozen, because every request of the user shares them.
 */
export class UserCache {
  readonly #entries: InvalidatableLru<UserWithImage>;
  readonly #idByTokenHash: InvalidatableLru<string>;
  readonly #options: UserCacheOptions;
  readonly #invalidation: InvalidationChannel;

  constructor(
    private readonly repo: UsersRepo,
    events: DomainEventHub,
    bus: Bus,
    options: Partial<UserCacheOptions> = {},
  ) {
    this.#options = { ...DEFAULTS, ...options };
    this.#entries = new InvalidatableLru(this.#options.maxEntries);
    this.#idByTokenHash = new InvalidatableLru(this.#options.maxEntries);
    this.#invalidation = new InvalidationChannel(bus, INVALIDATE_TOPIC, (ids) => this.#entries.drop(ids));
    for (const [event, staleUsers] of Object.entries(STALE_AFTER) as [DomainEventName, (e: unknown) => string[]][]) {
      events.on(event, (e) => this.#invalidation.invalidate(staleUsers(e)));
    }
  }

  /** The user `id` with its images, from memory when known. */
  async findById(id: string): Promise<UserWithImage | undefined> {
    const cached = this.#entries.get(id);
    if (cached) return cached;
    const ticket = this.#entries.ticket();
    const loaded = await this.repo.findWithImage(id);
    return loaded && this.#store(loaded, ticket);
  }

  /** The user whose native token has the sha256 `tokenHash`, from memory when known. */
  async findByTokenHash(tokenHash: string): Promise<UserWithImage | undefined> {
    const id = this.#idByTokenHash.get(tokenHash);
    if (id !== undefined) {
      const known = await this.findById(id);
      // A regenerated token changed the row (and dropped it): the old hash no longer matches.
      if (known?.user.tokenHash === tokenHash) return known;
      this.#idByTokenHash.drop([tokenHash]);
    }
    const ticket = this.#entries.ticket();
    const loaded = await this.repo.findWithImageByTokenHash(tokenHash);
    if (!loaded) return undefined;
    // The user's entry vouches for the token on every later use, so the mapping needs no expiry.
    if (ticket === this.#entries.ticket()) this.#idByTokenHash.set(tokenHash, loaded.user.id, this.#idByTokenHash.ticket());
    return this.#store(loaded, ticket);
  }

  /** The users `ids` that exist, keyed by id: the unknown ones loaded in one statement. */
  async findManyByIds(ids: readonly string[]): Promise<Map<string, UserWithImage>> {
    const found = new Map<string, UserWithImage>();
    const missing: string[] = [];
    for (const id of ids) {
      if (found.has(id)) continue;
      const cached = this.#entries.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const ticket = this.#entries.ticket();
    for (const [id, loaded] of await this.repo.findManyWithImages(missing)) found.set(id, this.#store(loaded, ticket));
    return found;
  }

  /** Keeps `value` unless a drop happened since its load began (`ticket`); returns it frozen either way. */
  #store(value: UserWithImage, ticket: number): UserWithImage {
    Object.freeze(value.user);
    if (value.image) Object.freeze(value.image);
    Object.freeze(value);
    this.#entries.set(value.user.id, value, ticket, Date.now() + this.#options.ttlMs);
    return value;
  }
}
