import argon2 from 'argon2';
import bcrypt from 'bcryptjs';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): strong, and cheap enough for sign-up bursts.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** Checks a password against its stored hash: argon2, or bcrypt for hashes imported from Misskey. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    if (hash.startsWith('$argon2')) return await argon2.verify(hash, password);
    if (/^\$2[aby]\$/.test(hash)) return await bcrypt.compare(password, hash);
    return false;
  } catch {
    return false;
  }
}

/** True when a stored hash should be replaced by a fresh argon2id hash at the next successful sign-in. */
export function needsRehash(hash: string): boolean {
  return !hash.startsWith('$argon2id$') || argon2.needsRehash(hash, ARGON2_OPTIONS);
}
