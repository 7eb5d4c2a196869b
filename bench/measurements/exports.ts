// Downloads of a round's data files by an admin (or an API token) from the
// production server: wall time, bytes, and the server's peak resident memory.
// Each download gets a freshly started server, so its peak (VmHWM) is its own;
// the peak before the download (start-up and sign-in) is kept beside it, and
// the server's resident memory is sampled during the download, so a file that
// must be written in flat memory (the XLSX) shows whether it was.
import { join } from 'node:path';
import { startServer } from '../lib/app.ts';
import { download, type Download } from '../lib/download.ts';
import type { Limits, Measurement } from '../lib/measurement.ts';
import { peakRssMb, rssMb } from '../lib/processes.ts';
import { topFunctions } from '../lib/profile.ts';

/** Keeps the whole bench bounded; a download still running then is stopped and reported as far as it got. */
const DOWNLOAD_LIMIT_MS = 150_000;
const MB = 1024 * 1024;
const RSS_SAMPLE_MS = 1000;

/**
 * The highest sample in each quarter of the download, in MB ("158 / 161 / 160 / 159"):
 * flat memory gives four close figures, memory that grows with the rows a rising row.
 */
function byQuarter(samples: readonly number[]): string {
  if (samples.length < 4) return samples.map((mb) => mb.toFixed(0)).join(' / ');
  const quarter = (i: number): number[] => samples.slice(Math.floor((i * samples.length) / 4), Math.floor(((i + 1) * samples.length) / 4));
  return [0, 1, 2, 3].map((i) => Math.max(...quarter(i)).toFixed(0)).join(' / ');
}

export function exportMeasurement(
  file: string,
  target: string,
  limits: Limits,
  options: { readonly timeLimitMs?: number; readonly round?: { readonly slug: string; readonly responses: number } } = {},
): Measurement {
  const timeLimitMs = options.timeLimitMs ?? DOWNLOAD_LIMIT_MS;
  const slug = options.round?.slug ?? 'demo';
  return {
    name: `GET /admin/rounds/${slug}/${file}`,
    target,
    limits,
    async run(bench) {
      const profiles = join(bench.workspace.dir, 'profiles', file);
      const server = await startServer(bench.workspace, bench.app, {
        dataDir: bench.dataDir,
        admin: bench.admin,
        ...(bench.profile ? { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profiles}`] } : {}),
      });
      let got: Download | Error;
      let before: number | undefined;
      let peak: number | undefined;
      const samples: number[] = [];
      const sampler = setInterval(() => {
        const mb = rssMb(server.pid);
        if (mb !== undefined) samples.push(mb);
      }, RSS_SAMPLE_MS);
      try {
        const headers = await bench.credentials(server);
        before = peakRssMb(server.pid);
        samples.length = 0;
        got = await download(`${server.base}/admin/rounds/${slug}/${file}`, headers, timeLimitMs).catch((err: unknown) =>
          err instanceof Error ? err : new Error(String(err)),
        );
        peak = peakRssMb(server.pid);
      } finally {
        clearInterval(sampler);
        await server.stop();
      }
      const profile = bench.profile ? topFunctions(profiles, bench.app.cwd) : undefined;
      const rss: Record<string, string> = samples.length > 0 ? { 'RSS during the download, highest per quarter (MB)': byQuarter(samples) } : {};
      const extra = { ...(profile ? { profile } : {}), ...(peak !== undefined ? { peakRssMb: peak } : {}) };
      if (got instanceof Error) return { status: 'failed', note: got.message, ...extra };
      if (got.status === 404) return { status: 'not available', note: `${file} answers 404: not there yet`, ...extra };
      if (got.status !== 200 && got.complete) return { status: 'failed', note: `answered ${got.status}`, ...extra };
      const rows = file.endsWith('.csv') ? Math.max(0, got.lines - 1) : undefined;
      if (!got.complete) {
        const sofar = `${(got.bytes / MB).toFixed(1)} MB${rows !== undefined ? `, ${rows} rows` : ''}`;
        const whole = rows ? `; at that pace all ${bench.responses} would take about ${Math.round((got.wallSeconds * bench.responses) / rows)} s` : '';
        return { status: 'stopped', bytes: got.bytes, note: `stopped at the bench's limit of ${timeLimitMs / 1000} s, having received ${sofar}${whole}`, details: rss, ...extra };
      }
      const responses = options.round?.responses ?? bench.responses;
      const perMillion = (got.wallSeconds * 1_000_000) / responses;
      return {
        wallSeconds: got.wallSeconds,
        bytes: got.bytes,
        ...extra,
        ...(options.round ? { note: `over ${responses.toLocaleString('en-US')} responses; a million at this pace: about ${perMillion.toFixed(0)} s` } : {}),
        details: {
          'peak RSS before the download (MB)': Number((before ?? 0).toFixed(1)),
          'first byte after (s)': Number((got.firstByteSeconds ?? 0).toFixed(2)),
          'MB per second': Number((got.bytes / MB / got.wallSeconds).toFixed(1)),
          ...(rows !== undefined ? { 'data rows': rows } : {}),
          'content type': got.contentType,
          ...rss,
        },
      };
    },
  };
}
