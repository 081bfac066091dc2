import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../scripts/build.js';

/** Helpers of the cost scripts (bench/*-cost.ts): a private build, CPU time, CPU profile summaries. */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The production build (scripts/build.ts, what `npm start` runs) into `distDir`: no clash with `npm run bench`'s build. */
export async function buildServer(distDir: string): Promise<void> {
  await build(distDir);
}

/** CPU time of a process so far in ms: utime + stime (fields 14 and 15 of /proc/<pid>/stat, in 1/100 s). */
export function cpuMsOf(pid: number): number {
  // The command name (field 2) may contain spaces; the numeric fields follow its closing parenthesis.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The newest `.cpuprofile` in `dir`. */
export function latestProfile(dir: string): string {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  return files[files.length - 1]!;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

/**
 * Where a profiled line of the bundle came from (src/… or node_modules/…, relative to the
 * repository, with its 1-based line), read from the build's source map; undefined without one.
 */
function originalLocation(maps: Map<string, SourceMap | null>, url: string, line: number, column: number): { where: string; line: number } | undefined {
  if (!url.startsWith('file://')) return undefined;
  const file = fileURLToPath(url);
  let map = maps.get(file);
  if (map === undefined) {
    map = existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))) : null;
    maps.set(file, map);
  }
  const entry = map?.findEntry(line, column);
  if (!entry || !('originalSource' in entry)) return undefined;
  return { where: path.relative(repoRoot, path.resolve(path.dirname(file), entry.originalSource)), line: entry.originalLine + 1 };
}

/** Prints the functions with the most self time and the share per package (our modules count as `tsubame`). */
export function summariseProfile(file: string, functions = 40): void {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  const add = (m: Map<string, number>, key: string, us: number) => m.set(key, (m.get(key) ?? 0) + us);
  const maps = new Map<string, SourceMap | null>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    // The build bundles dependencies with our code: its source map tells them apart again.
    const original = originalLocation(maps, url, lineNumber, columnNumber);
    const where = original?.where ?? url.replace(/^file:\/\//, '').replace(repoRoot + '/', '');
    add(fn, `${functionName || '(anonymous)'} ${where}:${original?.line ?? lineNumber + 1}`, us);
    const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1];
    add(pkg, dependency ?? (where.startsWith('src/') || where.startsWith('.tmp/') ? 'tsubame' : where ? 'node' : functionName), us);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`).join('\n');
  console.log(`\nprofile ${path.relative(repoRoot, file)}: ${(total / 1000).toFixed(0)} ms sampled`);
  console.log(`by package:\n${top(pkg, 15)}\nby function (self):\n${top(fn, functions)}`);
}
