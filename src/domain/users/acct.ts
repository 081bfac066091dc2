/** An account address: `alice` or `@alice` (local) or `@alice@example.com`. */
export interface Acct {
  username: string;
  /** null when the address names no host. */
  host: string | null;
}

/** Splits an acct string as Misskey's Acct.parse does (one leading `@` is dropped). */
export function parseAcct(acct: string): Acct {
  const text = acct.startsWith('@') ? acct.slice(1) : acct;
  const at = text.indexOf('@');
  if (at < 0) return { username: text, host: null };
  return { username: text.slice(0, at), host: text.slice(at + 1) || null };
}
