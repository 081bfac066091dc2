import { readFile } from 'node:fs/promises';
import os from 'node:os';

interface Counters {
  at: number;
  cpuIdle: number;
  cpuTotal: number;
  rx: number;
  tx: number;
  reads: number;
  writes: number;
}

const WHOLE_DISK = /^(sd[a-z]+|vd[a-z]+|xvd[a-z]+|hd[a-z]+|nvme\d+n\d+|mmcblk\d+)$/;

/**
 * Samples the machine the way Misskey's serverStats feed reports it: CPU use (0–1), memory
 * used/active in bytes, network bytes/s and disk operations/s since the previous sample.
 * Reads /proc where it exists; elsewhere the network and disk figures are 0.
 */
export function machineStatsSampler(): () => Promise<object> {
  let previous: Promise<Counters> = readCounters();
  return async () => {
    const [current, mem] = await Promise.all([readCounters(), readMemory()]);
    const before = await previous;
    previous = Promise.resolve(current);
    const seconds = Math.max(0.001, (current.at - before.at) / 1000);
    const totalDelta = current.cpuTotal - before.cpuTotal;
    const cpu = totalDelta > 0 ? 1 - (current.cpuIdle - before.cpuIdle) / totalDelta : 0;
    const rate = (now: number, then: number) => round(Math.max(0, (now - then) / seconds));
    return {
      cpu: Math.round(Math.min(1, Math.max(0, cpu)) * 1000) / 1000,
      mem: { used: round(mem.used), active: round(mem.active) },
      net: { rx: rate(current.rx, before.rx), tx: rate(current.tx, before.tx) },
      fs: { r: rate(current.reads, before.reads), w: rate(current.writes, before.writes) },
    };
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

async function readCounters(): Promise<Counters> {
  let cpuIdle = 0;
  let cpuTotal = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    cpuIdle += t.idle;
    cpuTotal += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  const [net, disk] = await Promise.all([readProc('/proc/net/dev'), readProc('/proc/diskstats')]);
  let rx = 0;
  let tx = 0;
  for (const line of net.split('\n').slice(2)) {
    const [name, rest] = line.split(':');
    if (!rest || name.trim() === 'lo') continue;
    const fields = rest.trim().split(/\s+/).map(Number);
    rx += fields[0] || 0;
    tx += fields[8] || 0;
  }
  let reads = 0;
  let writes = 0;
  for (const line of disk.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (!WHOLE_DISK.test(fields[2] ?? '')) continue;
    reads += Number(fields[3]) || 0;
    writes += Number(fields[7]) || 0;
  }
  return { at: Date.now(), cpuIdle, cpuTotal, rx, tx, reads, writes };
}

async function readMemory(): Promise<{ used: number; active: number }> {
  const info = await readProc('/proc/meminfo');
  const kb = (key: string) => {
    const match = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(info);
    return match ? Number(match[1]) * 1024 : undefined;
  };
  const total = kb('MemTotal') ?? os.totalmem();
  const available = kb('MemAvailable') ?? os.freemem();
  return { used: total - available, active: kb('Active') ?? total - available };
}

async function readProc(file: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => '');
}
