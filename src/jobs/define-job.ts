import type { ModuleLoader } from '../bundled-modules.js';
import { jobModules } from '../modules.js';
import type { JobCatalog, JobContext, JobHandler, JobMap, Queue, QueueName } from '../infra/queue/queue.js';
import type { Services } from '../services.js';

/** A job kind's name: a key of JobMap (each job file adds its entry by declaration merging). */
export type JobName = keyof JobMap & string;

/** The one declaration of a job kind, default-exported by its file in src/jobs/. */
export interface JobDef<K extends JobName = JobName> {
  /** The name callers enqueue it by (`svc.queue.enqueue(name, payload)`). */
  name: K;
  /** Which of Misskey's queues it runs in (admins see it there). */
  queue: QueueName;
  /** Tries in all; 1 (the default) means no retry. */
  attempts?: number;
  /** Base of the exponential backoff in ms (default 60 s): retry n waits backoff × 2^(n-1). */
  backoff?: number;
  /** Does the work; must be idempotent, since a job whose worker died runs again. */
  handler(payload: JobMap[K], ctx: { svc: Services; job: JobContext }): Promise<unknown>;
}

/** Declares a job kind. */
export function defineJob<K extends JobName>(def: JobDef<K>): JobDef<K> {
  return def;
}

/** Any job declaration, as the loader holds them. */
export type AnyJob = JobDef<JobName>;

/** Loads every job declaration in src/jobs/ (every file but this one); a file's name is its job's name in kebab-case. */
export async function loadJobs(modules: ReadonlyMap<string, ModuleLoader> = jobModules()): Promise<AnyJob[]> {
  return Promise.all(
    [...modules].map(async ([file, load]) => {
      const job = ((await load()) as { default?: AnyJob }).default;
      if (!job || kebab(job.name) !== file) throw new Error(`jobs/${file} must default-export the job whose name is "${file}" in camelCase`);
      return job;
    }),
  );
}

/** Where each job runs and how often it is tried, for the queue implementations. */
export function jobCatalog(jobs: readonly AnyJob[]): JobCatalog {
  return new Map(jobs.map((j) => [j.name, { queue: j.queue, attempts: j.attempts ?? 1, backoff: j.backoff ?? 60_000 }]));
}

/** Starts running every declared job in this process (the worker role). */
export function startJobs(queue: Queue, jobs: readonly AnyJob[], svc: Services, concurrency?: number): void {
  const handlers: Record<string, JobHandler> = {};
  for (const job of jobs) handlers[job.name] = (payload, ctx) => job.handler(payload as never, { svc, job: ctx });
  queue.work(handlers, { concurrency });
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
