import type { Kysely } from 'kysely';
import type { Bus } from '../../infra/bus/bus.js';
import { fromJson, toJson } from '../../infra/db/dialect.js';
import type { DB } from '../../infra/db/schema.js';
import { DEFAULT_SETTINGS, type InstanceSettings } from './meta.js';

const META_ID = 'x';
const INVALIDATE_TOPIC = 'internal:meta';

/**
 * The instance settings, read once and cached in memory. An update is written to the
 * database and announced on the bus, so every process drops its cached copy.
 */
export class MetaService {
  #cached: Promise<InstanceSettings> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly bus: Bus,
  ) {
    bus.subscribe(INVALIDATE_TOPIC, () => {
      this.#cached = undefined;
    });
  }

  /** The current settings (defaults merged with what was saved). */
  get(): Promise<InstanceSettings> {
    this.#cached ??= this.#load().catch((err: unknown) => {
      this.#cached = undefined;
      throw err;
    });
    return this.#cached;
  }

  /** Saves a partial change of the settings and returns the result. */
  async update(patch: Partial<InstanceSettings>): Promise<InstanceSettings> {
    const next = { ...(await this.#load()), ...patch };
    const row = { id: META_ID, data: toJson(diffFromDefaults(next)), updatedAt: Date.now() };
    await this.db
      .insertInto('meta')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ data: row.data, updatedAt: row.updatedAt }))
      .execute();
    this.#cached = Promise.resolve(next);
    await this.bus.publish(INVALIDATE_TOPIC, { type: 'metaUpdated' });
    return next;
  }

  async #load(): Promise<InstanceSettings> {
    const row = await this.db.selectFrom('meta').select('data').where('id', '=', META_ID).executeTakeFirst();
    return { ...DEFAULT_SETTINGS, ...fromJson<Partial<InstanceSettings>>(row?.data, {}) };
  }
}

function diffFromDefaults(settings: InstanceSettings): Partial<InstanceSettings> {
  const diff: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (JSON.stringify(value) !== JSON.stringify(DEFAULT_SETTINGS[key as keyof InstanceSettings])) diff[key] = value;
  }
  return diff as Partial<InstanceSettings>;
}
