import type { RolePolicies } from '../domain/roles/policies.js';
import { defineChannel, type ChannelContext, type ChannelDef, type ChannelParams } from './channel.js';
import { isMutedOrBlocked, NOTES_TOPIC, sendNote, type NoteEvent } from './note-stream.js';

/** A note channel fed by the shared `notes` topic: which notes it takes is all that differs. */
export interface TimelineChannelSpec<C extends boolean, P> {
  name: string;
  requireCredential: C;
  permission?: string;
  /** The role policy that must allow this timeline; without it the channel stays silent, as in Misskey. */
  policy?: keyof Pick<RolePolicies, 'ltlAvailable' | 'gtlAvailable'>;
  /** Reads the connect params; undefined leaves the channel silent (missing or unusable params). */
  params(params: ChannelParams, ctx: ChannelContext<C>): P | undefined | Promise<P | undefined>;
  /** Whether this socket's channel takes the note (mutes and blocks are checked after). */
  accepts(ev: NoteEvent, ctx: ChannelContext<C>, params: P): boolean;
}

/** Declares a timeline channel: policy check, params, the channel's rules, mutes and blocks, then delivery. */
export function defineTimelineChannel<C extends boolean, P>(spec: TimelineChannelSpec<C, P>): ChannelDef<C> {
  return defineChannel({
    name: spec.name,
    requireCredential: spec.requireCredential,
    permission: spec.permission,
    shared: false,
    async init(ctx, raw) {
      if (spec.policy) {
        const policies = await ctx.deps.svc.roles.policiesOf(ctx.user);
        if (!policies[spec.policy]) return;
      }
      const params = await spec.params(raw, ctx);
      if (params === undefined) return;
      await ctx.subscribe(NOTES_TOPIC, (message) => {
        const ev = message.body as NoteEvent;
        if (!spec.accepts(ev, ctx, params) || isMutedOrBlocked(ev, ctx.viewer)) return;
        return sendNote(ctx, ev);
      });
    },
  });
}
