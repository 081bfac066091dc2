import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** When the worker runs and how often it checkpoints. */
export interface WalCheckpointOptions {
  /** The worker starts once the WAL file has changed and is at least this large. */
  startBytes: number;
  /** How often the main thread looks at the WAL file while the worker is stopped. */
  watchMs: number;
  /** How often the worker runs a passive checkpoint. */
  intervalMs: number;
  /** The worker truncates the WAL and stops after this long without a new frame. */
  idleMs: number;
  /**
   * The main connection's own autocheckpoint, in pages: the bound on the WAL if the worker lags
   * or is stopped (SQLite's default is 1,000).
   */
  fallbackPages: number;
}

/** 4 MB of log starts the worker; 16,000 pages (64 MB) is where the main connection steps in. */
export const DEFAULT_WAL_CHECKPOINTS: WalCheckpointOptions = { startBytes: 4 << 20, watchMs: 1000, intervalMs: 200, idleMs: 30_000, fallbackPages: 16_000 };

/** A worker's report of one checkpoint that copied frames (SQLite's `wal_checkpoint` row). */
export interface CheckpointReport {
  /** Frames in the WAL. */
  log: number;
  /** Frames copied into the database so far; equal to `log` when the WAL is fully checkpointed. */
  checkpointed: number;
  /** The next commit writes the WAL from its start again (nothing left to copy, and no one was writing). */
  restarted: boolean;
}

/**
 * Checkpoints a SQLite database's WAL from a worker thread with its own connection, so the
 * checkpoints' page copies and fsyncs do not block the event loop inside a commit. The worker runs
 * only while there are writes (an idle one costs memory): the main thread starts it when the WAL
 * grows, and it stops itself, truncating the WAL, after `idleMs` without writes.
 * Emits 'checkpoint' (CheckpointReport) and 'stop' (the worker ended).
 */
export class WalCheckpointer extends EventEmitter {
  #worker: Worker | null = null;
  #watch: NodeJS.Timeout | null = null;
  /** The WAL's mtime when the worker last stopped: an untouched WAL does not restart it. */
  #stoppedAt = 0;
  #closed = false;

  constructor(
    private readonly file: string,
    private readonly options: WalCheckpointOptions,
  ) {
    super();
  }

  /** Starts watching the WAL file; the worker starts when it grows. */
  start(): void {
    this.#watch = setInterval(() => void this.#check(), this.options.watchMs);
    // The watch never keeps the process alive, nor does the worker (see #startWorker).
    this.#watch.unref();
  }

  /** Stops watching and stops the worker, its connection closed; resolves when it has exited. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#watch) clearInterval(this.#watch);
    const worker = this.#worker;
    if (!worker) return;
    // A pending 'exit' on an unreferenced worker would not keep the event loop alive: the awaiting
    // caller would be left with a promise that never settles.
    worker.ref();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    await exited;
  }

  async #check(): Promise<void> {
    if (this.#worker || this.#closed) return;
    const wal = await stat(`${this.file}-wal`).catch(() => undefined);
    if (!wal || this.#worker || this.#closed) return;
    if (wal.size >= this.options.startBytes && wal.mtimeMs !== this.#stoppedAt) this.#startWorker();
  }

  #startWorker(): void {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // Not the parent's flags (a TypeScript loader in development): the worker is plain JavaScript.
      execArgv: [],
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: this.file, intervalMs: this.options.intervalMs, idleMs: this.options.idleMs },
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
    });
    worker.unref();
    worker.on('message', (report: CheckpointReport) => this.emit('checkpoint', report));
    worker.on('error', (err) => console.warn(`tsubame: the WAL checkpoint worker failed (${err.message}); the main connection checkpoints instead`));
    worker.once('exit', () => {
      this.#worker = null;
      void stat(`${this.file}-wal`)
        .then((wal) => (this.#stoppedAt = wal.mtimeMs))
        .catch(() => undefined)
        .finally(() => this.emit('stop'));
    });
    this.#worker = worker;
  }
}

// Plain JavaScript, run with `eval` so it needs no file of its own in either the TypeScript
// sources or the build. It checkpoints when the WAL file was written since its last look, and once
// more on the next tick: file times are coarse (a few ms), so frames written just after a look can
// keep the time it saw. Checkpointing every tick would do no I/O on an unchanged WAL, but a
// checkpoint holds read-mark locks for a moment, and a commit that meets them cannot restart the
// WAL from its start. A passive checkpoint never waits for the main connection's readers or writer;
// TRUNCATE (only when idle) waits up to busy_timeout for them.
const WORKER_SOURCE = `
const { statSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
const walMtime = () => statSync(workerData.file + '-wal', { bigint: true, throwIfNoEntry: false })?.mtimeNs;
let lastMtime;
let lastChange = Date.now();
let again = false;
let last = '';
let restarted = false;
let log = 0;
const stop = () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
};
const timer = setInterval(() => {
  const mtime = walMtime();
  const changed = mtime !== lastMtime;
  if (changed) {
    lastMtime = mtime;
    lastChange = Date.now();
  } else if (Date.now() - lastChange >= workerData.idleMs) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    stop();
    return;
  }
  if (changed || again) {
    let checkpointed;
    ({ log, checkpointed } = db.pragma('wal_checkpoint(PASSIVE)')[0]);
    // Everything copied: restart the WAL from its start now (nothing to copy, no fsync; it needs
    // the write lock for a moment and gives up at once if the main connection is writing), so
    // the file does not grow while commits keep coming.
    restarted = false;
    if (log > 0 && log === checkpointed) {
      const result = db.pragma('wal_checkpoint(RESTART)')[0];
      ({ log, checkpointed } = result);
      restarted = result.busy === 0;
    }
    // The second look reports only what it changed, so each report follows new frames.
    const report = log + '/' + checkpointed + '/' + restarted;
    if (changed || report !== last) parentPort.postMessage({ log, checkpointed, restarted });
    last = report;
  }
  // Look again next time after new frames, and until a blocked restart gets through.
  again = changed || (log > 0 && !restarted);
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stop') stop();
});
`;
