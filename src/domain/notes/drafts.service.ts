import { fromJson, toJson } from '../../infra/db/dialect.js';
import type { NoteDraftRow, NoteVisibility, ReactionAcceptance, UserRow } from '../../infra/db/schema.js';
import { DomainError } from '../errors.js';
import { checkRenote, checkReply } from './note-create.js';
import type { NotesDeps } from './notes.service.js';
import type { DraftsRepo } from './drafts.repo.js';
import type { PageParams } from './paging.js';

/** A draft's content, as notes/drafts/create and update accept it. */
export interface DraftData {
  text: string | null;
  cw: string | null;
  hashtag: string | null;
  visibility: NoteVisibility;
  visibleUserIds: string[];
  localOnly: boolean;
  reactionAcceptance: ReactionAcceptance;
  replyId: string | null;
  renoteId: string | null;
  channelId: string | null;
  fileIds: string[];
  poll: { choices: string[]; multiple: boolean; expiresAt: number | null; expiredAfter: number | null } | null;
  scheduledAt: number | null;
  isActuallyScheduled: boolean;
}

/** A stored draft with its decoded content. */
export interface Draft extends DraftData {
  id: string;
  userId: string;
}

/** Note drafts: kept per user within the role's noteDraftLimit, checked like notes/create. */
export class DraftsService {
  constructor(
    private readonly repo: DraftsRepo,
    private readonly deps: NotesDeps,
  ) {}

  async create(me: UserRow, data: DraftData): Promise<Draft> {
    const count = await this.count(me);
    if (count >= (await this.deps.roles.policiesOf(me)).noteDraftLimit) throw new DomainError('draft.tooMany');
    await this.#check(me, data);
    const now = Date.now();
    const row: NoteDraftRow = { id: this.deps.ids.gen(now), userId: me.id, data: toJson(data), updatedAt: now };
    await this.repo.insert(row);
    return decode(row);
  }

  async update(me: UserRow, draftId: string, changes: Partial<DraftData>): Promise<Draft> {
    const draft = await this.get(me, draftId);
    const { id: _id, userId: _userId, ...current } = draft;
    const data: DraftData = { ...current, ...changes };
    await this.#check(me, data);
    await this.repo.updateData(draft.id, toJson(data), Date.now());
    return { ...data, id: draft.id, userId: me.id };
  }

  async delete(me: UserRow, draftId: string): Promise<void> {
    await this.get(me, draftId);
    await this.repo.delete(draftId);
  }

  /** One of `me`'s drafts; others' drafts do not exist for them. */
  async get(me: UserRow, draftId: string): Promise<Draft> {
    const row = await this.repo.findOwn(me.id, draftId);
    if (!row) throw new DomainError('draft.notFound');
    return decode(row);
  }

  async list(me: UserRow, page: PageParams, scheduled?: boolean | null): Promise<Draft[]> {
    const rows = await this.repo.list(me.id, page);
    const drafts = rows.map(decode);
    return scheduled == null ? drafts : drafts.filter((d) => d.isActuallyScheduled === scheduled);
  }

  count(me: UserRow): Promise<number> {
    return this.repo.count(me.id);
  }

  async #check(me: UserRow, data: DraftData): Promise<void> {
    const owned = await this.deps.notes.ownFileIds(me.id, data.fileIds);
    if (data.fileIds.some((id) => !owned.has(id))) throw new DomainError('note.noSuchFile');
    if (data.renoteId) await checkRenote(this.deps, me, data.renoteId);
    if (data.replyId) await checkReply(this.deps, me, data.replyId, data.visibility);
    if (data.poll?.expiresAt != null && data.poll.expiresAt < Date.now()) throw new DomainError('note.pollExpired');
    if (data.channelId) throw new DomainError('note.noSuchChannel');
  }
}

function decode(row: NoteDraftRow): Draft {
  return { ...fromJson<DraftData>(row.data, {} as DraftData), id: row.id, userId: row.userId };
}

/** A draft's content from endpoint params, with Misskey's defaults for what is absent. */
export function draftData(p: Partial<Omit<DraftData, 'poll'>> & { poll?: { choices: string[]; multiple?: boolean; expiresAt?: number | null; expiredAfter?: number | null } | null }): DraftData {
  return {
    text: p.text ?? null,
    cw: p.cw ?? null,
    hashtag: p.hashtag ?? null,
    visibility: p.visibility ?? 'public',
    visibleUserIds: p.visibleUserIds ?? [],
    localOnly: p.localOnly ?? false,
    reactionAcceptance: p.reactionAcceptance ?? null,
    replyId: p.replyId ?? null,
    renoteId: p.renoteId ?? null,
    channelId: p.channelId ?? null,
    fileIds: p.fileIds ?? [],
    poll: p.poll ? { choices: p.poll.choices, multiple: p.poll.multiple ?? false, expiresAt: p.poll.expiresAt ?? null, expiredAfter: p.poll.expiredAfter ?? null } : null,
    scheduledAt: p.scheduledAt ?? null,
    isActuallyScheduled: p.isActuallyScheduled ?? false,
  };
}
