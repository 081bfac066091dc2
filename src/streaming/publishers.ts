import type { DomainEventName, DomainEvents } from '../domain/events.js';
import type { BusMessage } from '../infra/bus/bus.js';
import type { entities } from 'misskey-js';
import { NewNotePacks } from '../api/entities/new-note-packs.js';
import type { NoteRow } from '../infra/db/schema.js';
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
  const packs = NewNotePacks.of(svc);
  // New notes are published one after another, so sockets see them in posting order; each is
  // packed at once (shared with the notes/create answer), not after the notes before it.
  let chain = Promise.resolve();
  stops.push(
    svc.events.on('note.created', ({ note, author }) => {
      const packed = packs.packed(note, author);
      packed.catch(() => {}); // reported through the chain below
      chain = chain.then(() => publishNote(svc, note, packed)).catch(onError);
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

async function publishNote(svc: Services, row: NoteRow, packed: Promise<entities.Note>): Promise<void> {
  // Packed once, in full, as the author sees it; each socket's channel applies visibility (Misskey
  // packs with skipHide). The pack is shared with the notes/create answer, so it is copied here.
  const note = neutralise(structuredClone(await packed));
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
