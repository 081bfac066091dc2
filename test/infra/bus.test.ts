import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Bus, BusMessage } from '../../src/infra/bus/bus.js';
import { MemoryBus } from '../../src/infra/bus/memory-bus.js';
import { RedisBus } from '../../src/infra/bus/redis-bus.js';
import { backends } from '../support/server.js';

const implementations: [string, (() => Bus) | undefined][] = [
  ['memory', () => new MemoryBus()],
  ['redis', backends.redis ? () => new RedisBus(backends.redis!, `test:${randomBytes(6).toString('hex')}:`) : undefined],
];

function nextMessage(bus: Bus, topic: string): Promise<BusMessage> {
  return new Promise((resolve) => {
    const off = bus.subscribe(topic, (m) => {
      off();
      resolve(m);
    });
  });
}

for (const [name, make] of implementations) {
  describe(`Bus contract: ${name}`, { skip: make ? false : 'skipped: no TEST_REDIS_URL' }, () => {
    test('delivers a published message to the topic\'s subscribers only', async () => {
      const bus = make!();
      const received = nextMessage(bus, 'main:a');
      const other: BusMessage[] = [];
      const off = bus.subscribe('main:b', (m) => other.push(m));
      await settle(bus);
      await bus.publish('main:a', { type: 'hello', body: { n: 1 } });
      assert.deepEqual(await received, { type: 'hello', body: { n: 1 } });
      assert.deepEqual(other, []);
      off();
      await bus.close();
    });

    test('stops delivering after unsubscribe', async () => {
      const bus = make!();
      const seen: BusMessage[] = [];
      const off = bus.subscribe('t', (m) => seen.push(m));
      off();
      const probe = nextMessage(bus, 't');
      await settle(bus);
      await bus.publish('t', { type: 'x' });
      await probe;
      assert.deepEqual(seen, []);
      await bus.close();
    });

    test('a second bus on the same backend hears the first (cross-process)', { skip: name === 'memory' ? 'in-process bus is per process' : false }, async () => {
      const prefix = `test:${randomBytes(6).toString('hex')}:`;
      const a = new RedisBus(backends.redis!, prefix);
      const b = new RedisBus(backends.redis!, prefix);
      const received = nextMessage(b, 'global');
      await b.ready();
      await a.publish('global', { type: 'note', body: { id: 'n1' } });
      assert.deepEqual(await received, { type: 'note', body: { id: 'n1' } });
      await Promise.all([a.close(), b.close()]);
    });
  });
}

async function settle(bus: Bus): Promise<void> {
  if (bus instanceof RedisBus) await bus.ready();
}
