/** Every permission kind an access token may hold (misskey-js's `permissions`, in its order). */
export const PERMISSIONS = [
  'read:account', 'write:account', 'read:blocks', 'write:blocks', 'read:drive',
  'write:drive', 'read:favorites', 'write:favorites', 'read:following', 'write:following',
  'read:messaging', 'write:messaging', 'read:mutes', 'write:mutes', 'write:notes',
  'read:notifications', 'write:notifications', 'read:reactions', 'write:reactions', 'write:votes',
  'read:pages', 'write:pages', 'write:page-likes', 'read:page-likes', 'read:user-groups',
  'write:user-groups', 'read:channels', 'write:channels', 'read:gallery', 'write:gallery',
  'read:gallery-likes', 'write:gallery-likes', 'read:flash', 'write:flash', 'read:flash-likes',
  'write:flash-likes', 'read:admin:abuse-user-reports', 'write:admin:delete-account', 'write:admin:delete-all-files-of-a-user', 'read:admin:index-stats',
  'read:admin:table-stats', 'read:admin:user-ips', 'read:admin:meta', 'write:admin:reset-password', 'write:admin:resolve-abuse-user-report',
  'write:admin:send-email', 'read:admin:server-info', 'read:admin:show-moderation-log', 'read:admin:show-user', 'write:admin:suspend-user',
  'write:admin:unset-user-avatar', 'write:admin:unset-user-banner', 'write:admin:unsuspend-user', 'write:admin:meta', 'write:admin:user-note',
  'write:admin:roles', 'read:admin:roles', 'write:admin:relays', 'read:admin:relays', 'write:admin:invite-codes',
  'read:admin:invite-codes', 'write:admin:announcements', 'read:admin:announcements', 'write:admin:avatar-decorations', 'read:admin:avatar-decorations',
  'write:admin:federation', 'write:admin:account', 'read:admin:account', 'write:admin:emoji', 'read:admin:emoji',
  'write:admin:queue', 'read:admin:queue', 'write:admin:promo', 'write:admin:drive', 'read:admin:drive',
  'write:admin:ad', 'read:admin:ad', 'write:invite-codes', 'read:invite-codes', 'write:clip-favorite',
  'read:clip-favorite', 'read:federation', 'write:report-abuse', 'write:chat', 'read:chat',
] as const;

export type PermissionKind = (typeof PERMISSIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(PERMISSIONS);

/** Plain-language names of what the permissions cover (the part after read:/write:). */
const SUBJECTS: Record<string, string> = {
  account: 'your account information',
  blocks: 'your blocked users',
  drive: 'your drive (files and folders)',
  favorites: 'your favorites',
  following: 'whom you follow',
  messaging: 'your messages',
  mutes: 'your muted users',
  notes: 'notes (post and delete)',
  notifications: 'your notifications',
  reactions: 'your reactions',
  votes: 'poll votes',
  pages: 'your pages',
  'page-likes': 'your page likes',
  'user-groups': 'your user groups',
  channels: 'channels',
  gallery: 'your gallery',
  'gallery-likes': 'your gallery likes',
  flash: 'your Play items',
  'flash-likes': 'your Play likes',
  'invite-codes': 'your invitation codes',
  'clip-favorite': 'your favorite clips',
  federation: 'federation information',
  'report-abuse': 'abuse reports',
  chat: 'your chats',
};

/** Keeps the known permission kinds of `requested`, each once, in the list's order. */
export function knownPermissions(requested: readonly string[]): PermissionKind[] {
  const wanted = new Set(requested);
  return PERMISSIONS.filter((p) => wanted.has(p) && KNOWN.has(p));
}

/** Whether a permission is one of the administrators' (offered only to moderators and administrators). */
export function isAdminPermission(permission: string): boolean {
  return permission.includes(':admin:');
}

/** What a permission allows, in plain words ("Read your notifications"). */
export function describePermission(permission: string): string {
  const [mode, ...rest] = permission.split(':');
  const verb = mode === 'read' ? 'Read' : 'Change';
  if (rest[0] === 'admin') return `Administration: ${mode === 'read' ? 'view' : 'manage'} ${rest.slice(1).join(':').replaceAll('-', ' ')}`;
  const subject = rest.join(':');
  if (subject === 'notes' && mode === 'write') return 'Post and delete notes';
  if (subject === 'votes') return 'Vote in polls';
  if (subject === 'report-abuse') return 'Report abuse';
  return `${verb} ${SUBJECTS[subject] ?? subject.replaceAll('-', ' ')}`;
}
