// Downloads of a round's data files by an admin (or an API token) from the
// production server: wall time, bytes, and the server's peak resident memory.
// Each download gets a freshly started server, so its peak (VmHWM) is its own;
// the peak before the download (start-up and sign-in) is kept beside it.
import { join } from 'node:path';
import { startServer } from '../lib/app.ts';
import { download, type Download } from '../lib/download.ts';
import type { Limits, Measurement } from '../lib/measurement.ts';
import { peakRssMb } from '../lib/processes.ts';
import { topFunctions } from '../lib/profile.ts';

/** Keeps the whole bench bounded; a download still running then is stopped and reported as far as it got. */
const DOWNLOAD_LIMIT_MS = 150_000;
const MB = 1024 * 1024;

export function exportMeasurement(file: string, target: string, limits: Limits): Measurement {
  return {
    name: `GET /admin/rounds/demo/${file}`,
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
      try {
        const headers = await bench.credentials(server);
        before = peakRssMb(server.pid);
        got = await download(`${server.base}/admin/rounds/demo/${file}`, headers, DOWNLOAD_LIMIT_MS).catch((err: unknown) =>
          err instanceof Error ? err : new Error(String(err)),
        );
        peak = peakRssMb(server.pid);
      } finally {
        await server.stop();
      }
      const profile = bench.profile ? topFunctions(profiles, bench.app.cwd) : undefined;
      const extra = { ...(profile ? { profile } : {}), ...(peak !== undefined ? { peakRssMb: peak } : {}) };
      if (got instanceof Error) return { status: 'failed', note: got.message, ...extra };
      if (got.status === 404) return { status: 'not available', note: `${file} answers 404: not there yet`, ...extra };
      if (got.status !== 200 && got.complete) return { status: 'failed', note: `answered ${got.status}`, ...extra };
      const rows = file.endsWith('.csv') ? Math.max(0, got.lines - 1) : undefined;
      if (!got.complete) {
        const sofar = `${(got.bytes / MB).toFixed(1)} MB${rows !== undefined ? `, ${rows} rows` : ''}`;
        const whole = rows ? `; at that pace all ${bench.responses} would take about ${Math.round((got.wallSeconds * bench.responses) / rows)} s` : '';
        return { status: 'stopped', bytes: got.bytes, note: `stopped at the bench's limit of ${DOWNLOAD_LIMIT_MS / 1000} s, having received ${sofar}${whole}`, ...extra };
      }
      return {
        wallSeconds: got.wallSeconds,
        bytes: got.bytes,
        ...extra,
        details: {
          'peak RSS before the download (MB)': Number((before ?? 0).toFixed(1)),
          'first byte after (s)': Number((got.firstByteSeconds ?? 0).toFixed(2)),
          'MB per second': Number((got.bytes / MB / got.wallSeconds).toFixed(1)),
          ...(rows !== undefined ? { 'data rows': rows } : {}),
          'content type': got.contentType,
        },
      };
    },
  };
}
