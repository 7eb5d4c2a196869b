// A download as a client makes it, counted and timed but not kept: node:http,
// not fetch, so the client's own work takes as little as possible of the
// cores the server is measured on. A download still running at its time limit
// is stopped, and what came so far is reported: the bench stays bounded.
import { get } from 'node:http';

const LF = 0x0a;

export interface Download {
  /** 0 when no answer came within the limit. */
  readonly status: number;
  /** False when the time limit stopped it. */
  readonly complete: boolean;
  readonly contentType: string;
  readonly bytes: number;
  /** From sending the request to the last byte (or to the stop). */
  readonly wallSeconds: number;
  readonly firstByteSeconds: number | undefined;
  /** Line ends (LF) in the body: for a CSV without line breaks in its cells, the header plus one per row. */
  readonly lines: number;
}

export function download(url: string, headers: Readonly<Record<string, string>>, timeLimitMs: number): Promise<Download> {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  let status = 0;
  let contentType = '';
  let firstByteSeconds: number | undefined;
  let bytes = 0;
  let lines = 0;
  const figures = (complete: boolean): Download => ({ status, complete, contentType, bytes, wallSeconds: seconds(), firstByteSeconds, lines });

  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: Download | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const request = get(url, { headers }, (res) => {
      firstByteSeconds = seconds();
      status = res.statusCode ?? 0;
      contentType = res.headers['content-type'] ?? '';
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) lines++;
      });
      res.once('end', () => settle(figures(true)));
      res.once('error', (err) => settle(err));
    });
    request.once('error', (err) => settle(err));
    const timer = setTimeout(() => {
      settle(figures(false));
      request.destroy();
    }, timeLimitMs);
  });
}
