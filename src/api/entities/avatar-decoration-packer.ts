import type { entities } from 'misskey-js';
import { fromJson } from '../../infra/db/dialect.js';
import type { AvatarDecorationRow, UserImageRow } from '../../infra/db/schema.js';
import { decorationRoleIds, type ChosenDecoration } from '../../domain/users/avatar-decorations.service.js';
import type { Services } from '../../services.js';

type WornDecoration = entities.UserLite['avatarDecorations'][number];

/** A user_image row with the user's decorations ready for UserLite. */
export type PackedImage = UserImageRow & { decorations: WornDecoration[] };

/**
 * Adds each user's decorations to their image row. Decorations deleted since are left out;
 * the catalogue comes from memory, so this costs no query.
 */
export async function packImages(svc: Services, rows: ReadonlyMap<string, UserImageRow>): Promise<Map<string, PackedImage>> {
  const chosen = new Map<string, ChosenDecoration[]>();
  for (const [userId, row] of rows) {
    const list = fromJson<ChosenDecoration[]>(row.avatarDecorations, []);
    if (list.length > 0) chosen.set(userId, list);
  }
  const catalogue = chosen.size > 0 ? new Map((await svc.avatarDecorations.all()).map((d) => [d.id, d])) : new Map<string, AvatarDecorationRow>();
  const packed = new Map<string, PackedImage>();
  for (const [userId, row] of rows) {
    const decorations = (chosen.get(userId) ?? []).flatMap((d) => {
      const decoration = catalogue.get(d.id);
      return decoration ? [worn(d, decoration.url)] : [];
    });
    packed.set(userId, { ...row, decorations });
  }
  return packed;
}

/** Misskey leaves zero placement values out of the packed decoration. */
function worn(d: ChosenDecoration, url: string): WornDecoration {
  const out: WornDecoration = { id: d.id, url };
  if (d.angle) out.angle = d.angle;
  if (d.flipH) out.flipH = d.flipH;
  if (d.offsetX) out.offsetX = d.offsetX;
  if (d.offsetY) out.offsetY = d.offsetY;
  return out;
}

/** A decoration as admin/avatar-decorations/list and create show it. */
export function packDecorationForAdmin(row: AvatarDecorationRow) {
  return {
    id: row.id,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: row.updatedAt === null ? null : new Date(row.updatedAt).toISOString(),
    name: row.name,
    description: row.description,
    url: row.url,
    roleIdsThatCanBeUsedThisDecoration: decorationRoleIds(row),
    category: row.category,
  };
}
