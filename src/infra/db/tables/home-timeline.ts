/** The home timelines, fanned out on write (Misskey's "FTT", kept in the database so both modes share it). */
export interface HomeTimelineTables {
  home_timeline: HomeTimelineTable;
}

/**
 * One row per note in one user's home timeline: the user's own notes and their followees'.
 * Read newest-first by (userId, noteId); the timeline's rules still run on the joined note.
 */
export interface HomeTimelineTable {
  /** The timeline's owner (a local user). */
  userId: string;
  noteId: string;
}
