import type { AccessTokenInfo } from '../domain/auth/auth.service.js';
import type { UserRow } from '../infra/db/schema.js';
import type { Services } from '../services.js';
import type { TopicHub, TopicListener } from './hub.js';
import type { StatsFeed } from './stats-feed.js';
import type { Viewer } from './viewer.js';

/** A channel connection id as the client chose it (misskey-js uses numeric strings). */
export type ChannelId = string | number;

/** The process-wide parts channels share. */
export interface ChannelDeps {
  svc: Services;
  hub: TopicHub;
  serverStats: StatsFeed;
  queueStats: StatsFeed;
}

/** What a channel instance may use: its socket's user, the services, and ways to send and listen. */
export interface ChannelContext<C extends boolean = boolean> {
  readonly id: ChannelId;
  readonly deps: ChannelDeps;
  /** The socket's user; never null in a channel that requires a credential. */
  readonly user: C extends true ? UserRow : UserRow | null;
  readonly token: AccessTokenInfo | null;
  /** The user's current relations and mutes (latest reload); null when anonymous. */
  readonly viewer: C extends true ? Viewer : Viewer | null;
  /** Sends `{type:'channel', body:{id, type, body}}` to this socket. */
  send(type: string, body?: unknown): void;
  /** Like send, for a body shared with other sockets: serialised once, never mutated (a non-object body is sent as by send). */
  sendShared(type: string, body: object): void;
  /** Listens to a bus topic until the channel is disconnected. */
  subscribe(topic: string, listener: TopicListener): Promise<void>;
  /** Runs `fn` when the channel is disconnected (timers, feeds). */
  onDispose(fn: () => void): void;
}

/** What an initialised channel answers to. */
export interface ChannelHooks {
  /** A `ch` message from the client. */
  onMessage?(type: string, body: unknown): void | Promise<void>;
}

/** Params as the client sent them (`connect.body.params`); read them with the helpers below. */
export type ChannelParams = Readonly<Record<string, unknown>>;

/** The one declaration of a streaming channel. */
export interface ChannelDef<C extends boolean = boolean> {
  /** Misskey's channel name (`main`, `homeTimeline`, …). */
  name: string;
  /** Anonymous sockets may not connect. */
  requireCredential: C;
  /** Permission an access token needs; without one, a channel that requires a credential is native-token only. */
  permission?: string;
  /** At most one instance per socket (misskey-js pools shared channels under one id). */
  shared: boolean;
  /** Starts the channel; returning false means "not available" (the connect is ignored, as Misskey does). */
  init(ctx: ChannelContext<C>, params: ChannelParams): Promise<ChannelHooks | void | false> | ChannelHooks | void | false;
}

/** Declares a channel; the type ties `requireCredential` to a non-null `ctx.user`. */
export function defineChannel<C extends boolean>(def: ChannelDef<C>): ChannelDef<C> {
  return def;
}

/** Any channel declaration, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyChannelDef = ChannelDef<any>;

/** A boolean param with Misskey's loose reading (`!!(value ?? fallback)`). */
export function boolParam(params: ChannelParams, name: string, fallback: boolean): boolean {
  const value = params[name];
  return value === undefined || value === null ? fallback : Boolean(value);
}

/** A string param, or undefined when absent or not a string. */
export function stringParam(params: ChannelParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}
