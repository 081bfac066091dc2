import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../endpoint.js';
import { Id } from '../../../schemas/common.js';

export default defineEndpoint({
  name: 'notes/polls/vote',
  tags: ['notes'],
  description: "Votes for a choice of a note's poll.",
  credential: 'required',
  permission: 'write:votes',
  prohibitMoved: true,
  params: Type.Object({ noteId: Id, choice: Type.Integer() }),
  res: null,
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: 'ecafbd2e-c283-4d6d-aecb-1a0a33b75396', on: ['note.notFound'] },
    noPoll: { message: 'The note does not attach a poll.', code: 'NO_POLL', id: '5f979967-52d9-4314-a911-1c673727f92f', on: ['poll.noPoll'] },
    invalidChoice: { message: 'Choice ID is invalid.', code: 'INVALID_CHOICE', id: 'e0cc9a04-f2e8-41e4-a5f1-4127293260cc', on: ['poll.invalidChoice'] },
    alreadyVoted: { message: 'You have already voted.', code: 'ALREADY_VOTED', id: '0963fc77-efac-419b-9424-b391608dc6d8', on: ['poll.alreadyVoted'] },
    alreadyExpired: { message: 'The poll is already expired.', code: 'ALREADY_EXPIRED', id: '1022a357-b085-4054-9083-8f8de358337e', on: ['poll.expired'] },
    youHaveBeenBlocked: { message: 'You cannot vote this poll because you have been blocked by this user.', code: 'YOU_HAVE_BEEN_BLOCKED', id: '85a5377e-b1e9-4617-b0b9-5bea73331e49', on: ['user.blocked'] },
  },
  async handler({ params, me, svc }) {
    await svc.polls.vote(me, params.noteId, params.choice);
  },
});
