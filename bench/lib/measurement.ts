// What a measurement is: a name, the target it is held to, and a run that
// returns figures. The runner (bench/run.ts) runs a list of them in order and
// judges each against its limits, so a new benchmark is one more entry.
import type { Account, AppBuild, RunningServer } from './app.ts';
import type { Workspace } from './workspace.ts';

export interface Limits {
  readonly wallSeconds?: number;
  readonly peakRssMb?: number;
}

/**
 * ok / over target / reported are judged by the runner against the limits; a
 * run says itself when it failed, was stopped at its time limit, or cannot run yet.
 */
export type Status = 'ok' | 'over target' | 'reported' | 'stopped' | 'failed' | 'not available';

export interface Figures {
  readonly wallSeconds?: number;
  readonly peakRssMb?: number;
  readonly bytes?: number;
  /** Anything else worth keeping: baseline memory, time to first byte, rows. */
  readonly details?: Readonly<Record<string, string | number>>;
  readonly note?: string;
  /** With --profile: the functions the server spent most time in, one line each. */
  readonly profile?: readonly string[];
  /** Figures that are not one wall time: a header row, then one row each (the pages under load). */
  readonly table?: readonly (readonly string[])[];
}

export interface Outcome extends Figures {
  readonly status?: 'stopped' | 'failed' | 'not available';
  /** Whether targets the limits cannot express (ratios, rates) were met; judged by the measurement itself. */
  readonly met?: boolean;
}

export interface Result extends Figures {
  readonly name: string;
  readonly target: string;
  readonly limits: Limits;
  readonly status: Status;
}

/** What every measurement may use. */
export interface Bench {
  readonly workspace: Workspace;
  readonly app: AppBuild;
  /** The data dir every measurement shares: seeded once, in order. */
  readonly dataDir: string;
  readonly responses: number;
  readonly admin: Account;
  /** Profile servers with --cpu-prof and print where their time went. */
  readonly profile: boolean;
  /** Headers that open the admin exports on this server: an API token when the app makes them, else a session. */
  credentials(server: RunningServer): Promise<Record<string, string>>;
  /** A progress line on stderr. */
  log(line: string): void;
}

export interface Measurement {
  readonly name: string;
  /** The target in words, for the table ("≤ 10 s, ≤ 200 MB"; "reported"). */
  readonly target: string;
  readonly limits: Limits;
  /** Later measurements need this one (the seed): when it fails, they are not run. */
  readonly required?: boolean;
  run(bench: Bench): Promise<Outcome>;
}

/** The verdict: a run's own failure first, then each limit. */
export function judge(measurement: Measurement, outcome: Outcome): Result {
  const { limits } = measurement;
  const over =
    (limits.wallSeconds !== undefined && (outcome.wallSeconds ?? Infinity) > limits.wallSeconds) ||
    (limits.peakRssMb !== undefined && (outcome.peakRssMb ?? Infinity) > limits.peakRssMb);
  const hasLimits = limits.wallSeconds !== undefined || limits.peakRssMb !== undefined;
  const { met, ...figures } = outcome;
  const status: Status = outcome.status ?? (met !== undefined ? (met ? 'ok' : 'over target') : !hasLimits ? 'reported' : over ? 'over target' : 'ok');
  return { name: measurement.name, target: measurement.target, limits, ...figures, status };
}
