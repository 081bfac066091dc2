import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/reactions/create',
  tags: ['reactions', 'notes'],
  description: "Reacts to a note with a Unicode emoji or a local custom emoji (:name:); anything else becomes ❤. Replaces the caller's earlier reaction.",
  credential: 'required',
  permission: 'write:reactions',
  prohibitMoved: true,
  params: Type.Object({ noteId: Id, reaction: Type.String() }),
  res: null,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '033d0620-5bfe-4027-965d-980b0c85a3ea', on: ['note.notFound'] },
    alreadyReacted: { message: 'You are already reacting to that note.', code: 'ALREADY_REACTED', id: '71efcf98-86d6-4e2b-b2ad-9d032369366b', on: ['reaction.alreadyReacted'] },
    youHaveBeenBlocked: { message: 'You cannot react this note because you have been blocked by this user.', code: 'YOU_HAVE_BEEN_BLOCKED', id: '20ef5475-9f38-4e4c-bd33-de6d979498ec', on: ['user.blocked'] },
    cannotReactToRenote: { message: 'You cannot react to Renote.', code: 'CANNOT_REACT_TO_RENOTE', id: 'eaccdc08-ddef-43fe-908f-d108faad57f5', on: ['reaction.cannotReactToRenote'] },
  },
  async handler({ params, me, svc }) {
    await svc.reactions.react(me, params.noteId, params.reaction);
  },
});
