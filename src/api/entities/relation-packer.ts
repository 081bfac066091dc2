import type { entities } from 'misskey-js';
import type { BlockingRow, FollowingRow, FollowRequestRow, MutingRow, RenoteMutingRow, UserRow } from '../../infra/db/schema.js';
import type { Services } from '../../services.js';
import { UserPacker } from './user-packer.js';

type FollowRequest = { id: string; follower: entities.UserLite; followee: entities.UserLite };

/** Packs rows of the social graph (follows, requests, blocks, mutes) with their users, one user query per page. */
export class RelationPacker {
  readonly #users: UserPacker;

  constructor(private readonly svc: Services) {
    this.#users = new UserPacker(svc);
  }

  async packFollowRequests(rows: readonly FollowRequestRow[]): Promise<FollowRequest[]> {
    const lite = await this.#lite(rows.flatMap((r) => [r.followerId, r.followeeId]));
    return rows.map((r) => ({ id: r.id, follower: lite.get(r.followerId)!, followee: lite.get(r.followeeId)! }));
  }

  /** Following entities with the user on `side` packed as UserDetailedNotMe for `viewer`. */
  async packFollowings(rows: readonly FollowingRow[], side: 'followee' | 'follower', viewer: UserRow | null): Promise<entities.Following[]> {
    const key = side === 'followee' ? 'followeeId' : 'followerId';
    const users = await this.#detailed(rows.map((r) => r[key]), viewer);
    return rows.map((r) => ({
      id: r.id,
      createdAt: new Date(r.createdAt).toISOString(),
      followeeId: r.followeeId,
      followerId: r.followerId,
      [side]: users.get(r[key])!,
    }));
  }

  async packBlockings(rows: readonly BlockingRow[], viewer: UserRow): Promise<entities.Blocking[]> {
    const users = await this.#detailed(rows.map((r) => r.blockeeId), viewer);
    return rows.map((r) => ({ id: r.id, createdAt: new Date(r.createdAt).toISOString(), blockeeId: r.blockeeId, blockee: users.get(r.blockeeId)! }));
  }

  async packMutings(rows: readonly MutingRow[], viewer: UserRow): Promise<entities.Muting[]> {
    const users = await this.#detailed(rows.map((r) => r.muteeId), viewer);
    return rows.map((r) => ({
      id: r.id,
      createdAt: new Date(r.createdAt).toISOString(),
      expiresAt: r.expiresAt === null ? null : new Date(r.expiresAt).toISOString(),
      muteeId: r.muteeId,
      mutee: users.get(r.muteeId)!,
    }));
  }

  async packRenoteMutings(rows: readonly RenoteMutingRow[], viewer: UserRow): Promise<entities.RenoteMuting[]> {
    const users = await this.#detailed(rows.map((r) => r.muteeId), viewer);
    return rows.map((r) => ({ id: r.id, createdAt: new Date(r.createdAt).toISOString(), muteeId: r.muteeId, mutee: users.get(r.muteeId)! }));
  }

  async #lite(ids: readonly string[]): Promise<Map<string, entities.UserLite>> {
    const rows = [...(await this.svc.usersRepo.findManyByIds(ids)).values()];
    const packed = await this.#users.packLiteMany(rows);
    return new Map(packed.map((u) => [u.id, u]));
  }

  async #detailed(ids: readonly string[], viewer: UserRow | null): Promise<Map<string, entities.UserDetailedNotMe>> {
    const rows = [...(await this.svc.usersRepo.findManyByIds(ids)).values()];
    const packed = await this.#users.packDetailedMany(rows, viewer);
    return new Map(packed.map((u) => [u.id, u as entities.UserDetailedNotMe]));
  }
}
