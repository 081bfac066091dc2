import type { entities } from 'misskey-js';
import type { Draft } from '../../domain/notes/drafts.service.js';
import type { UserRow } from '../../infra/db/schema.js';
import { timeOfId } from '../../lib/aidx.js';
import type { Services } from '../../services.js';
import { DriveFilePacker } from './drive-file-packer.js';
import { NotePacker } from './note-packer.js';
import { UserPacker } from './user-packer.js';

/** Packs the caller's drafts as NoteDraft entities, with their reply, renote and files, a list at a time. */
export async function packDrafts(svc: Services, me: UserRow, drafts: readonly Draft[]): Promise<entities.NoteDraft[]> {
  const noteIds = drafts.flatMap((d) => [d.replyId, d.renoteId]).filter((id): id is string => id !== null);
  const rows = await svc.notesRepo.findManyByIds(noteIds);
  const [notes, files, [user]] = await Promise.all([
    new NotePacker(svc).packMany([...rows.values()], me),
    new DriveFilePacker(svc).packManyByIds(drafts.flatMap((d) => d.fileIds)),
    new UserPacker(svc).packLiteMany([me]),
  ]);
  const byId = new Map(notes.map((n) => [n.id, n]));
  return drafts.map((d) => ({
    id: d.id,
    createdAt: new Date(timeOfId(d.id)).toISOString(),
    text: d.text,
    cw: d.cw,
    userId: d.userId,
    user: user!,
    replyId: d.replyId,
    renoteId: d.renoteId,
    reply: d.replyId ? (byId.get(d.replyId) ?? null) : null,
    renote: d.renoteId ? (byId.get(d.renoteId) ?? null) : null,
    visibility: d.visibility,
    visibleUserIds: d.visibleUserIds,
    fileIds: d.fileIds,
    files: d.fileIds.map((id) => files.get(id)).filter((f) => f !== undefined),
    hashtag: d.hashtag,
    poll: d.poll ? { choices: d.poll.choices, multiple: d.poll.multiple, expiresAt: d.poll.expiresAt === null ? null : new Date(d.poll.expiresAt).toISOString(), expiredAfter: d.poll.expiredAfter } : null,
    channelId: d.channelId,
    channel: null,
    localOnly: d.localOnly,
    reactionAcceptance: d.reactionAcceptance,
    scheduledAt: d.scheduledAt,
    isActuallyScheduled: d.isActuallyScheduled,
  }));
}

