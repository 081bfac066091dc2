import type { Selectable } from 'kysely';

/** Misskey's registry: per-user key/value settings that clients keep on the server (i/registry/*). */
export interface RegistryTables {
  registry_item: RegistryItemTable;
}

export interface RegistryItemTable {
  id: string;
  createdAt: number;
  updatedAt: number;
  userId: string;
  /** Who may see the item: '' for the user's own (native) clients, else the access token's id. */
  domain: string;
  /** The scope path as a JSON array of `[a-zA-Z0-9_]+` strings (canonical, so it compares as text). */
  scope: string;
  key: string;
  /** Any JSON value, as JSON text. */
  value: string;
}

export type RegistryItemRow = Selectable<RegistryItemTable>;
