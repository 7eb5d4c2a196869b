// The bench's results: a table for people (figures beside their targets) and
// a JSON file for tools and for comparing runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { Result } from './measurement.ts';

export interface Run {
  readonly startedAt: string;
  readonly responses: number;
  /** How the app ran: built, or from the sources when the build failed. */
  readonly app: string;
  readonly setup: Readonly<Record<string, number>>;
  /** The machine's 1-minute load average before and after: other work on it slows every figure. */
  readonly load: { readonly before: number; readonly after: number };
  readonly results: readonly Result[];
}

const MB = 1024 * 1024;

const seconds = (s: number | undefined): string => (s === undefined ? '—' : `${s.toFixed(s < 10 ? 2 : 1)} s`);
const megabytes = (mb: number | undefined): string => (mb === undefined ? '—' : `${mb.toFixed(0)} MB`);
const size = (bytes: number | undefined): string => (bytes === undefined ? '—' : `${(bytes / MB).toFixed(1)} MB`);

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: readonly string[]): string => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The table, then each measurement's notes and details, then profiles. */
export function formatRun(run: Run): string {
  const rows = [
    ['measurement', 'wall', 'peak RSS', 'received', 'target', 'result'],
    ...run.results.map((r) => [r.name, seconds(r.wallSeconds), megabytes(r.peakRssMb), size(r.bytes), r.target, r.status]),
  ];
  const notes = run.results.flatMap((r) => {
    const lines = [
      ...(r.note ? [r.note] : []),
      // A measurement with a table of its own shows its figures there; its details are for the JSON.
      ...(r.table ? [] : Object.entries(r.details ?? {}).map(([key, value]) => `${key}: ${value}`)),
    ];
    return lines.length > 0 ? [`${r.name}:`, ...lines.map((l) => `  ${l}`)] : [];
  });
  const tables = run.results.flatMap((r) => (r.table ? [`${r.name}:`, table(r.table), ''] : []));
  const profiles = run.results.flatMap((r) =>
    r.profile && r.profile.length > 0 ? [`Where the server's time went during ${r.name} (self time):`, ...r.profile.map((l) => `  ${l}`)] : [],
  );
  const setup = Object.entries(run.setup)
    .map(([step, s]) => `${step} ${seconds(s)}`)
    .join(', ');
  return [
    `Bench of ${run.responses.toLocaleString('en-US')} responses, ${run.startedAt}; ${cpus().length} cores, node ${process.version}.`,
    `App: ${run.app}. Setup: ${setup}. Load average (1 min) ${run.load.before.toFixed(1)} before, ${run.load.after.toFixed(1)} after.`,
    'Peak RSS: a server\'s VmHWM after the download, each download on a freshly started server; a command\'s maximum resident set.',
    '',
    table(rows),
    '',
    ...tables,
    ...notes,
    ...(profiles.length > 0 ? ['', ...profiles] : []),
  ].join('\n');
}

export function writeJson(file: string, run: Run): void {
  mkdirSync(dirname(file), { recursive: true });
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? '', memoryMb: Math.round(totalmem() / MB), node: process.version, platform: process.platform };
  writeFileSync(file, `${JSON.stringify({ ...run, machine }, null, 2)}\n`);
}
