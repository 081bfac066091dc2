import { Type } from '@sinclair/typebox';
import { Paging } from './common.js';

// The params every Misskey timeline takes; each endpoint adds its own flags.
const Flag = (value: boolean) => Type.Optional(Type.Boolean({ default: value }));

/** limit 1–100 (default 10), since/until id or date, and allowPartial (accepted, no effect here). */
export const TimelinePaging = { ...Paging, allowPartial: Flag(false) };

/** withFiles / withRenotes. */
export const TimelineContent = { withFiles: Flag(false), withRenotes: Flag(true) };

/** The renote switches of the home, social and list timelines. */
export const RenoteSwitches = { includeMyRenotes: Flag(true), includeRenotedMyNotes: Flag(true), includeLocalRenotes: Flag(true) };

/** The options a timeline endpoint hands to the service, with defaults applied. */
export function timelineOptions(p: {
  withFiles?: boolean;
  withRenotes?: boolean;
  includeMyRenotes?: boolean;
  includeRenotedMyNotes?: boolean;
  includeLocalRenotes?: boolean;
}) {
  return {
    withFiles: p.withFiles ?? false,
    withRenotes: p.withRenotes ?? true,
    includeMyRenotes: p.includeMyRenotes ?? true,
    includeRenotedMyNotes: p.includeRenotedMyNotes ?? true,
    includeLocalRenotes: p.includeLocalRenotes ?? true,
  };
}

/** The paging part of validated params. */
export function pageOf(p: { limit?: number; sinceId?: string; untilId?: string; sinceDate?: number; untilDate?: number }) {
  return { limit: p.limit ?? 10, sinceId: p.sinceId, untilId: p.untilId, sinceDate: p.sinceDate, untilDate: p.untilDate };
}
