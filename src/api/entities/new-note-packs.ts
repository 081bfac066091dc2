import type { entities } from 'misskey-js';
import type { NoteRow, UserRow } from '../../infra/db/schema.js';
import type { Services } from '../../services.js';
import { NotePacker } from './note-packer.js';

// The readers of a new note's pack: the notes/create answer and the streaming publisher.
const READERS = 2;
// Notes whose second reader never comes (created outside notes/create, or no streaming here) are dropped past this many.
const MAX_PENDING = 256;

interface Pending {
  pack: Promise<entities.Note>;
  readers: number;
}

const perInstance = new WeakMap<Services, NewNotePacks>();

/**
 * A new note packed once, as its author sees it (detailed), for its two first readers: the
 * notes/create answer and the streaming publisher. Both pack the same note for the same viewer
 * within a millisecond, and a pack costs several queries. Readers share one object, so a
 * reader that changes it works on a copy.
 */
export class NewNotePacks {
  readonly #pending = new Map<string, Pending>();

  private constructor(private readonly svc: Services) {}

  /** The instance of this server (tests run several servers in one process). */
  static of(svc: Services): NewNotePacks {
    let packs = perInstance.get(svc);
    if (!packs) {
      packs = new NewNotePacks(svc);
      perInstance.set(svc, packs);
    }
    return packs;
  }

  /** The pack of the new `note` as its `author` sees it, packed by whichever reader asks first. */
  packed(note: NoteRow, author: UserRow): Promise<entities.Note> {
    const pending = this.#pending.get(note.id);
    if (pending) {
      if (++pending.readers >= READERS) this.#pending.delete(note.id);
      return pending.pack;
    }
    const pack = new NotePacker(this.svc).pack(note, author, { detail: true });
    this.#pending.set(note.id, { pack, readers: 1 });
    if (this.#pending.size > MAX_PENDING) this.#pending.delete(this.#pending.keys().next().value!);
    return pack;
  }
}
