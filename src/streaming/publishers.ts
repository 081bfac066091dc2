import type { DomainEventName, DomainEvents } from '../domain/events.js';
import type { BusMessage } from '../infra/bus/bus.js';
import { NotePacker } from '../api/entities/note-packer.js';
import { isPureRenote } from '../domain/notes/visibility.js';
import { fromJson } from '../infra/db/dialect.js';
import { listPublishers } from './list-publishers.js';
import { mainPublishers } from './main-publishers.js';
import type { Services } from '../services.js';
import { neutralise, NOTES_TOPIC, type NoteEvent } from './note-stream.js';
import { startUnreadPublishers } from './unread-publishers.js';

type Out = [topic: string, message: BusMessage][];
type Publisher<K extends DomainEventName> = (event: DomainEvents[K]) => Out | Promise<Out>;

/** Relation changes make every socket of the users involved reload what it filters by. */
const reloadViewers = (...userIds: string[]): Out => userIds.map((id) => [`viewer:${id}`, { type: 'reload' }]);

const publishers: { [K in DomainEventName]?: Publisher<K> } = {
  'reaction.created': (e) => [[`note:${e.noteId}`, { type: 'reacted', body: { reaction: e.reaction, emoji: e.emoji ?? null, userId: e.userId } }]],
  'reaction.deleted': (e) => [[`note:${e.noteId}`, { type: 'unreacted', body: { reaction: e.reaction, userId: e.userId } }]],
  'note.deleted': (e) => [[`note:${e.noteId}`, { type: 'deleted', body: { deletedAt: new Date(e.deletedAt).toISOString() } }]],
  'poll.voted': (e) => [[`note:${e.noteId}`, { type: 'pollVoted', body: { choice: e.choice, userId: e.userId } }]],
  'follow.created': (e) => reloadViewers(e.followerId, e.followeeId),
  'follow.deleted': (e) => reloadViewers(e.followerId, e.followeeId),
  'block.created': (e) => reloadViewers(e.blockerId, e.blockeeId),
  'block.deleted': (e) => reloadViewers(e.blockerId, e.blockeeId),
  'mute.changed': (e) => reloadViewers(e.muterId),
};

/**
 * Turns committed domain events into bus messages for sockets: new notes (`notes`, packed once
 * for all receivers), note capture (`note:<id>`) and viewer reloads (`viewer:<userId>`).
 * Returns the function that stops publishing.
 */
export function startPublishers(svc: Services, onError: (err: unknown) => void): () => void {
  const stops: (() => void)[] = [startUnreadPublishers(svc, onError)];
  const packer = new NotePacker(svc);
  // New notes are published one after another, so sockets see them in posting order.
  let chain = Promise.resolve();
  stops.push(
    svc.events.on('note.created', ({ noteId }) => {
      chain = chain.then(() => publishNote(svc, packer, noteId)).catch(onError);
    }),
  );
  const all: Partial<Record<DomainEventName, Publisher<DomainEventName>[]>> = {};
  for (const table of [publishers, mainPublishers(svc), listPublishers(svc)] as Partial<Record<DomainEventName, Publisher<DomainEventName>>>[]) {
    for (const [name, publish] of Object.entries(table) as [DomainEventName, Publisher<DomainEventName>][]) (all[name] ??= []).push(publish);
  }
  for (const [name, list] of Object.entries(all) as [DomainEventName, Publisher<DomainEventName>[]][]) {
    stops.push(
      svc.events.on(name, async (event) => {
        const out = (await Promise.all(list.map((publish) => publish(event)))).flat();
        await Promise.all(out.map(([topic, message]) => svc.bus.publish(topic, message)));
      }),
    );
  }
  return () => stops.forEach((stop) => stop());
}

async function publishNote(svc: Services, packer: NotePacker, noteId: string): Promise<void> {
  const row = await svc.notesRepo.findById(noteId);
  if (!row) return;
  // Packed once, in full; each socket's channel applies visibility (Misskey packs with skipHide).
  const author = await svc.usersRepo.findById(row.userId);
  if (!author) return;
  const note = neutralise(await packer.pack(row, author, { detail: true }));
  const event: NoteEvent = {
    note,
    userHost: row.userHost,
    mentions: fromJson<string[]>(row.mentions, []),
    visibleUserIds: fromJson<string[]>(row.visibleUserIds, []),
    hasFiles: fromJson<string[]>(row.fileIds, []).length > 0,
    isPureRenote: isPureRenote(row),
    tags: fromJson<string[]>(row.tags, []),
  };
  await svc.bus.publish(NOTES_TOPIC, { type: 'note', body: event });
}
