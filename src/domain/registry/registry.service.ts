import type { Bus } from '../../infra/bus/bus.js';
import { fromJson, isUniqueViolation, toJson } from '../../infra/db/dialect.js';
import type { IdGenerator } from '../../lib/aidx.js';
import { DomainError } from '../errors.js';
import type { RegistryPath, RegistryRepo } from './registry.repo.js';

/** Which client is asking: the native token (null) or an access token (its id). */
export type RegistryCaller = { accessTokenId: string | null; userId: string };

/** A registry item as the API shows it. */
export interface RegistryItem {
  key: string;
  value: unknown;
  updatedAt: number;
}

/**
 * Misskey's registry rules. An access token sees only its own domain (named by the token's
 * id, as Misskey does); the native token sees the native domain, or any domain it names.
 */
export class RegistryService {
  constructor(
    private readonly repo: RegistryRepo,
    private readonly ids: IdGenerator,
    private readonly bus: Bus,
  ) {}

  /** The item at `key`, or `registry.noSuchKey`. */
  async get(caller: RegistryCaller, domain: string | null | undefined, scope: readonly string[], key: string): Promise<RegistryItem> {
    const row = await this.repo.findItem(pathOf(caller, domain, scope), key);
    if (!row) throw new DomainError('registry.noSuchKey');
    return { key: row.key, value: fromJson<unknown>(row.value, null), updatedAt: row.updatedAt };
  }

  /** Every item of a scope (not of its sub-scopes). */
  async items(caller: RegistryCaller, domain: string | null | undefined, scope: readonly string[]): Promise<RegistryItem[]> {
    const rows = await this.repo.itemsOfScope(pathOf(caller, domain, scope));
    return rows.map((row) => ({ key: row.key, value: fromJson<unknown>(row.value, null), updatedAt: row.updatedAt }));
  }

  /** Creates or replaces the item; the user's native clients hear `registryUpdated` on the main stream. */
  async set(caller: RegistryCaller, domain: string | null | undefined, scope: readonly string[], key: string, value: unknown): Promise<void> {
    const path = pathOf(caller, domain, scope);
    const json = toJson(value ?? null);
    const now = Date.now();
    if (!(await this.repo.updateValue(path, key, json, now))) {
      try {
        await this.repo.insert({ id: this.ids.gen(now), createdAt: now, updatedAt: now, ...path, key, value: json });
      } catch (err) {
        // Another request created the item meanwhile: this one's value wins, as it came last.
        if (!isUniqueViolation(err)) throw err;
        await this.repo.updateValue(path, key, json, now);
      }
    }
    // compat: Misskey announces only native-domain changes (other apps' items stay private to them).
    if (path.domain === NATIVE) await this.bus.publish(`main:${caller.userId}`, { type: 'registryUpdated', body: { scope: [...scope], key, value: value ?? null } });
  }

  /** Deletes the item; a missing key is not an error (as Misskey). */
  async remove(caller: RegistryCaller, domain: string | null | undefined, scope: readonly string[], key: string): Promise<void> {
    await this.repo.delete(pathOf(caller, domain, scope), key);
  }

  /** The user's scopes grouped by domain (null = native clients), as i/registry/scopes-with-domain lists them. */
  async scopesWithDomain(userId: string): Promise<{ domain: string | null; scopes: string[][] }[]> {
    const groups = new Map<string, string[][]>();
    for (const { domain, scope } of await this.repo.scopesOf(userId)) {
      let scopes = groups.get(domain);
      if (!scopes) groups.set(domain, (scopes = []));
      scopes.push(fromJson<string[]>(scope, []));
    }
    return [...groups].map(([domain, scopes]) => ({ domain: domain === NATIVE ? null : domain, scopes }));
  }
}

/** The stored domain of the native clients. */
const NATIVE = '';

// compat: Misskey keys an app's items by its access token id and lets the native token name any domain;
// an empty domain string is the native one here (Misskey treats '' inconsistently between set and get).
function pathOf(caller: RegistryCaller, domain: string | null | undefined, scope: readonly string[]): RegistryPath {
  return { userId: caller.userId, domain: caller.accessTokenId ?? domain ?? NATIVE, scope: JSON.stringify(scope) };
}
