import { statfs } from 'node:fs/promises';
import os from 'node:os';
import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../endpoint.js';
import { NoParams } from '../schemas/common.js';

export default defineEndpoint({
  name: 'server-info',
  tags: ['meta'],
  description: "The machine's CPU, memory and disk, when the instance allows it (enableServerMachineStats).",
  credential: 'none',
  allowGet: true,
  cacheSec: 60,
  params: NoParams,
  res: Type.Object({
    machine: Type.String(),
    cpu: Type.Object({ model: Type.String(), cores: Type.Integer() }),
    mem: Type.Object({ total: Type.Number() }),
    fs: Type.Object({ total: Type.Number(), used: Type.Number() }),
  }),
  async handler({ svc }) {
    // compat: like Misskey, a placeholder unless the administrator enabled machine stats.
    if (!(await svc.meta.get()).enableServerMachineStats) {
      return { machine: 'Not specified', cpu: { model: 'Not specified', cores: 0 }, mem: { total: 0 }, fs: { total: 0, used: 0 } };
    }
    const disk = await statfs(svc.config.dataDir).catch(() => undefined);
    const total = disk ? disk.blocks * disk.bsize : 0;
    return {
      machine: os.hostname(),
      cpu: { model: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length },
      mem: { total: os.totalmem() },
      fs: { total, used: disk ? total - disk.bfree * disk.bsize : 0 },
    };
  },
});
