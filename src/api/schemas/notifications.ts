import { Type } from '@sinclair/typebox';
import type { notificationTypes } from 'misskey-js';
import { Paging } from './common.js';

/** misskey-js's notificationTypes (kept here: misskey-js is a dev dependency only). */
export const NOTIFICATION_TYPES = [
  'note', 'follow', 'mention', 'reply', 'renote', 'quote', 'reaction', 'pollEnded', 'scheduledNotePosted',
  'scheduledNotePostFailed', 'receiveFollowRequest', 'followRequestAccepted', 'app', 'roleAssigned',
  'chatRoomInvitationReceived', 'achievementEarned', 'exportCompleted', 'test', 'login', 'createToken',
] as const satisfies typeof notificationTypes;

// Misskey still accepts the obsolete types in filters, for old clients.
const FILTER_TYPES = [...NOTIFICATION_TYPES, 'pollVote', 'groupInvited'] as const;
const TypeList = Type.Optional(Type.Array(Type.Union(FILTER_TYPES.map((t) => Type.Literal(t)))));

/** The params of i/notifications and i/notifications-grouped. */
export const NotificationListParams = Type.Object({
  ...Paging,
  markAsRead: Type.Optional(Type.Boolean({ default: true })),
  includeTypes: TypeList,
  excludeTypes: TypeList,
});

/** Misskey's limit on listing notifications: 30 calls per 30 s. */
export const NOTIFICATION_LIST_LIMIT = { duration: 30_000, max: 30 };
