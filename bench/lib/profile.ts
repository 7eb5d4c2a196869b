// Where a profiled process spent its time: the functions with the most self
// time in the V8 CPU profiles (--cpu-prof) it wrote, one readable line each.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of a .cpuprofile file read here (V8's Profiler.Profile). */
interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A script's place, short: packages from node_modules/, the app's own files from its folder, node's own as node names them. */
function place(url: string, base: string): string {
  if (!url.startsWith('file://')) return url;
  const path = fileURLToPath(url);
  const at = path.lastIndexOf('/node_modules/');
  return at !== -1 ? path.slice(at + 1) : relative(base, path);
}

/** The heaviest functions by self time over every profile in `dir`, as "1.23 s  name  file:line" (files relative to `base`). */
export function topFunctions(dir: string, base: string, count = 15): string[] {
  if (!existsSync(dir)) return [];
  const selfMicros = new Map<string, number>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    // V8 wrote this file: its shape is the one above.
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id);
      if (!frame) return;
      const where = frame.url ? `${place(frame.url, base)}:${frame.lineNumber + 1}` : '';
      const key = `${frame.functionName || '(anonymous)'}  ${where}`.trim();
      selfMicros.set(key, (selfMicros.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
  }
  return [...selfMicros]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `${(micros / 1e6).toFixed(2).padStart(6)} s  ${key}`);
}
