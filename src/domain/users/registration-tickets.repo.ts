import type { Kysely } from 'kysely';
import type { DB, RegistrationTicketRow } from '../../infra/db/schema.js';

/** Queries on `registration_ticket` (invitation codes); no rules. */
export class RegistrationTicketsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  findByCode(code: string): Promise<RegistrationTicketRow | undefined> {
    return this.db.selectFrom('registration_ticket').selectAll().where('code', '=', code).executeTakeFirst();
  }

  /** Marks an unused ticket used; false when another sign-up got there first. */
  async claim(id: string, at: number): Promise<boolean> {
    const res = await this.db.updateTable('registration_ticket').set({ usedAt: at }).where('id', '=', id).where('usedAt', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async setUsedBy(id: string, userId: string): Promise<void> {
    await this.db.updateTable('registration_ticket').set({ usedById: userId }).where('id', '=', id).execute();
  }

  async release(id: string): Promise<void> {
    await this.db.updateTable('registration_ticket').set({ usedAt: null }).where('id', '=', id).execute();
  }
}
