import type { Bus } from '../../infra/bus/bus.js';
import { fromJson, toJson } from '../../infra/db/dialect.js';
import type { AvatarDecorationRow } from '../../infra/db/schema.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { DomainError } from '../errors.js';
import type { RolePolicies } from '../roles/policies.js';
import type { AvatarDecorationsRepo } from './avatar-decorations.repo.js';

const INVALIDATE_TOPIC = 'internal:avatarDecorations';

/** A decoration as a user placed it on their avatar (what user_image.avatarDecorations stores). */
export interface ChosenDecoration {
  id: string;
  /** Rotation in turns, −0.5…0.5. */
  angle: number;
  flipH: boolean;
  /** Offsets as a fraction of the avatar's size, −0.25…0.25. */
  offsetX: number;
  offsetY: number;
}

/** A decoration as i/update receives it: placement values may be absent or null. */
export interface RequestedDecoration {
  id: string;
  angle?: number | null;
  flipH?: boolean | null;
  offsetX?: number | null;
  offsetY?: number | null;
}

/** The fields an administrator sets on a decoration. */
export interface DecorationInput {
  name: string;
  description: string;
  url: string;
  roleIdsThatCanBeUsedThisDecoration?: string[];
  category?: string | null;
}

/**
 * Avatar decorations: the administrator's catalogue (cached in memory; a change is announced
 * on the bus so every process reloads it) and users' choices among them.
 */
export class AvatarDecorationsService {
  #cached: Promise<AvatarDecorationRow[]> | undefined;

  constructor(
    private readonly repo: AvatarDecorationsRepo,
    private readonly ids: IdGenerator,
    private readonly bus: Bus,
  ) {
    bus.subscribe(INVALIDATE_TOPIC, () => {
      this.#cached = undefined;
    });
  }

  /** Every decoration, oldest first. */
  all(): Promise<AvatarDecorationRow[]> {
    this.#cached ??= this.repo.all().catch((err: unknown) => {
      this.#cached = undefined;
      throw err;
    });
    return this.#cached;
  }

  /** Adds a decoration (usable by everyone unless limited to roles) and returns it. */
  async create(input: DecorationInput, now: number = Date.now()): Promise<AvatarDecorationRow> {
    const row: AvatarDecorationRow = {
      id: this.ids.gen(now),
      createdAt: now,
      updatedAt: null,
      name: input.name,
      description: input.description,
      url: input.url,
      roleIdsThatCanBeUsedThisDecoration: toJson(input.roleIdsThatCanBeUsedThisDecoration ?? []),
      category: input.category ?? null,
    };
    await this.repo.insert(row);
    await this.#changed();
    return row;
  }

  /** Changes the given fields; `avatarDecoration.notFound` when there is no such decoration. */
  async update(id: string, patch: Partial<DecorationInput>, now: number = Date.now()): Promise<void> {
    const { roleIdsThatCanBeUsedThisDecoration: roleIds, ...rest } = patch;
    const found = await this.repo.update(id, { ...rest, ...(roleIds !== undefined ? { roleIdsThatCanBeUsedThisDecoration: toJson(roleIds) } : {}), updatedAt: now });
    if (!found) throw new DomainError('avatarDecoration.notFound');
    await this.#changed();
  }

  /** Deletes a decoration; users who wore it simply stop showing it. */
  async delete(id: string): Promise<void> {
    if (!(await this.repo.delete(id))) throw new DomainError('avatarDecoration.notFound');
    await this.#changed();
  }

  /**
   * Misskey's i/update rule: more decorations than the role allows is refused; unknown ones
   * are dropped; missing placement values default to 0 / false. Returns what to store.
   */
  async choose(requested: readonly RequestedDecoration[], policies: RolePolicies): Promise<ChosenDecoration[]> {
    if (requested.length > policies.avatarDecorationLimit) throw new DomainError('profile.restrictedByRole');
    // compat: Misskey also keeps decorations limited to roles the user lacks out; Tsubame has no
    // custom roles, and a role id naming no role does not restrict, so every decoration is usable.
    const known = new Set((await this.all()).map((d) => d.id));
    return requested
      .filter((d) => known.has(d.id))
      .map((d) => ({ id: d.id, angle: d.angle ?? 0, flipH: d.flipH ?? false, offsetX: d.offsetX ?? 0, offsetY: d.offsetY ?? 0 }));
  }

  async #changed(): Promise<void> {
    this.#cached = undefined;
    await this.bus.publish(INVALIDATE_TOPIC, { type: 'avatarDecorationsUpdated' });
  }
}

/** The role ids a decoration is limited to. */
export function decorationRoleIds(row: AvatarDecorationRow): string[] {
  return fromJson<string[]>(row.roleIdsThatCanBeUsedThisDecoration, []);
}
