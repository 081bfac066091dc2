import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { channelRegistry } from './channels/index.js';
import { startPublishers } from './publishers.js';
import { StreamingServer, type StreamingOptions } from './server.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The `/streaming` WebSocket server of this instance. */
    streaming: StreamingServer;
  }
}

/**
 * Adds Misskey's streaming API to the app: WebSocket upgrades on `/streaming`, the publishers
 * that turn domain events into bus messages, and closing every socket when the app closes.
 */
export function attachStreaming(app: FastifyInstance, svc: Services, options: StreamingOptions = {}): StreamingServer {
  const streaming = new StreamingServer(svc, channelRegistry(), (err, message) => app.log.error({ err }, message), options);
  streaming.attach(app.server);
  const stopPublishers = startPublishers(svc, (err) => app.log.error({ err }, 'streaming publisher failed'));
  app.decorate('streaming', streaming);
  // A plain GET (no upgrade) is what Misskey answers with 503.
  app.get('/streaming', async (_request, reply) => reply.code(503).send());
  app.addHook('preClose', async () => {
    stopPublishers();
    await streaming.close();
  });
  return streaming;
}
