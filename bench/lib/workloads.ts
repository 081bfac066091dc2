import type { RequestSpec } from './load.js';
import type { ApiResponse } from './http.js';
import type { Seeded } from './seed.js';
import type { HomeTimelineSeeded } from './seed-home-timeline.js';

/** One measured endpoint: how to build its n-th request, and whether its SQL is counted. */
export interface Workload {
  name: string;
  endpoint: string;
  /** Read endpoints get their SQL statements per request counted. */
  read: boolean;
  /** Needs seeded notes to mean anything. */
  needsNotes?: boolean;
  next(n: number): RequestSpec;
  accept?(res: ApiResponse): boolean;
}

const PAGE = 20;

/** The name of the home-timeline workload of a viewer following 1,000 users (its p99 is a target). */
export const HOME_TIMELINE_WORKLOAD = 'notes/timeline (1000 follows)';

/** The workloads of the issue, in the order they run (reads first, so writes do not change what reads see). */
export function workloads(seeded: Seeded, home?: HomeTimelineSeeded): Workload[] {
  const { users, publicNoteIds: notes } = seeded;
  const user = (n: number) => users[n % users.length];
  // Authors with notes, so users/notes returns full pages.
  const authors = users.filter((_, i) => seeded.notesPerUser[i] >= PAGE);
  const author = (n: number) => (authors.length ? authors[n % authors.length] : user(n));
  const note = (n: number) => notes[(n * 7919) % Math.max(1, notes.length)];
  return [
    { name: 'ping', endpoint: 'ping', read: true, next: () => ({ endpoint: 'ping', params: {} }) },
    { name: 'meta', endpoint: 'meta', read: true, next: () => ({ endpoint: 'meta', params: {} }) },
    { name: 'i', endpoint: 'i', read: true, next: (n) => ({ endpoint: 'i', params: {}, token: user(n).token }) },
    timeline('notes/timeline', user),
    ...(home ? [followingThousand(home)] : []),
    timeline('notes/hybrid-timeline', user),
    timeline('notes/local-timeline', user),
    {
      name: 'users/notes',
      endpoint: 'users/notes',
      read: true,
      needsNotes: true,
      next: (n) => ({ endpoint: 'users/notes', params: { userId: author(n).id, limit: PAGE }, token: user(n + 1).token }),
    },
    {
      name: 'notes/show',
      endpoint: 'notes/show',
      read: true,
      needsNotes: true,
      next: (n) => ({ endpoint: 'notes/show', params: { noteId: note(n) }, token: user(n).token }),
    },
    {
      name: 'i/notifications',
      endpoint: 'i/notifications',
      read: true,
      next: (n) => ({ endpoint: 'i/notifications', params: { limit: PAGE }, token: user(n).token }),
    },
    {
      name: 'notes/create',
      endpoint: 'notes/create',
      read: false,
      // One in four carries a hashtag, so the MFM parser's cost is part of the measure.
      next: (n) => ({ endpoint: 'notes/create', params: { text: `bench note ${n} over the river${n % 4 ? '' : ' #tsubame'}`, visibility: 'public' }, token: user(n).token }),
    },
    {
      name: 'notes/reactions/create',
      endpoint: 'notes/reactions/create',
      read: false,
      needsNotes: true,
      // Every (user, note) pair once: user n mod U on note ⌊n / U⌋, so nothing is rejected as a repeat.
      next: (n) => ({
        endpoint: 'notes/reactions/create',
        params: { noteId: notes[(Math.floor(n / users.length) * 7919) % notes.length], reaction: '👍' },
        token: user(n).token,
      }),
      // A pair the seed already reacted with is still a full trip through the endpoint's checks.
      accept: (res) => res.status === 204 || res.body?.error?.code === 'ALREADY_REACTED',
    },
  ];
}

function timeline(endpoint: string, user: (n: number) => Seeded['users'][number]): Workload {
  return { name: endpoint, endpoint, read: true, needsNotes: true, next: (n) => ({ endpoint, params: { limit: PAGE }, token: user(n).token }) };
}

/**
 * notes/timeline of the directly seeded viewer who follows 1,000 users: even requests read the
 * newest page, odd ones a page further back (untilDate spread over the seeded notes), as a reader scrolling.
 */
function followingThousand(home: HomeTimelineSeeded): Workload {
  const span = home.lastNoteAt - home.firstNoteAt;
  return {
    name: HOME_TIMELINE_WORKLOAD,
    endpoint: 'notes/timeline',
    read: true,
    next: (n) => ({
      endpoint: 'notes/timeline',
      params: n % 2 === 0 ? { limit: PAGE } : { limit: PAGE, untilDate: home.lastNoteAt - Math.floor((((n * 7919) % 1000) / 1000) * span) },
      token: home.viewerToken,
    }),
  };
}

/** Is this a timeline-like workload whose SQL count is a target (constant, ≤ 10)? */
export function isTimeline(name: string): boolean {
  return name.endsWith('timeline') || name === 'users/notes' || name === 'i/notifications';
}
