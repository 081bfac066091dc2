import { randomInt } from 'node:crypto';

// Misskey's `aidx` ids: 8 base36 chars of ms since 2000-01-01, 4 chars of node id, 4 of counter.
// Lexicographic order is time order, so ORDER BY id sorts by creation time.
const TIME2000 = 946_684_800_000;
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A generator of aidx ids; each process has its own node id and counter. */
export class IdGenerator {
  readonly #nodeId = Array.from({ length: 4 }, () => ALPHABET[randomInt(36)]).join('');
  #counter = 0;

  /** A new id for time `t` (clamped to now, as Misskey does). */
  gen(t: number = Date.now()): string {
    this.#counter = (this.#counter + 1) % 36 ** 4;
    return timePart(Math.min(t, Date.now())) + this.#nodeId + this.#counter.toString(36).padStart(4, '0');
  }
}

function timePart(t: number): string {
  return Math.max(0, t - TIME2000).toString(36).padStart(8, '0').slice(-8);
}

/** The smallest id of any id created at time `t`; pagination by date uses it as a bound. */
export function idAtTime(t: number): string {
  return timePart(t) + '00000000';
}

/** The creation time encoded in an aidx (or aid) id. */
export function timeOfId(id: string): number {
  return parseInt(id.slice(0, 8), 36) + TIME2000;
}
