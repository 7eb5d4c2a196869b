// Configuration, read from the environment once at start and validated; nothing
// else reads process.env.
import { resolve } from 'node:path';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth/password.ts';

/** An optional setting: unset and empty (`-e NAME=` in Docker) both mean "not configured". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_USERNAME: z.string().trim().min(1).max(64).optional(),
  ADMIN_PASSWORD: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `ADMIN_PASSWORD must have at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(PASSWORD_MAX_LENGTH)
    .optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  // Retention, in days. Drafts saved with a resume code: after their last save.
  DRAFT_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // Help requests: after they came in (admins delete them sooner, after follow-up).
  HELP_REQUEST_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // Submitted responses of a closed round: after it closed. Unset: kept until deleted by hand.
  RESPONSE_RETENTION_DAYS: optional(z.coerce.number().int().min(1).max(36500)),
  // Report cells counting fewer respondents than this are hidden (issue 14, point 3).
  MIN_CELL: z.coerce.number().int().min(3).max(20).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  // The municipality's accessibility statement on uustatus.no, linked from /tilgjengelighet.
  UUSTATUS_URL: optional(
    z
      .url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'UUSTATUS_URL must be an https URL (the address of the statement on uustatus.no)' })
      // Normalised (percent-encoded) as a browser would, so the link's href is exactly what is followed.
      .transform((url) => new URL(url).href),
  ),
  // Where citizens send feedback about accessibility and the survey; shown on /tilgjengelighet.
  CONTACT_EMAIL: optional(z.email({ error: 'CONTACT_EMAIL must be an e-mail address' }).max(254)),
  // Who is responsible for the data (behandlingsansvarlig), named on /personvern.
  DATA_CONTROLLER: optional(z.string().trim().min(1).max(200)),
  // The address citizens reach the service on, for addresses printed on pages (never the Host header).
  PUBLIC_URL: optional(
    z
      .url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http or https address, such as https://survey.example.no' })
      .refine((url) => {
        // Refinements run even after the URL check failed: parse only what parses.
        const parsed = URL.canParse(url) ? new URL(url) : undefined;
        return parsed !== undefined && parsed.pathname === '/' && !parsed.search && !parsed.hash && !parsed.username;
      }, 'PUBLIC_URL must be the address alone, with no path, query or #fragment: the survey is served from its root')
      .transform((url) => new URL(url).origin),
  ),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly admin?: { readonly username: string; readonly password: string };
  readonly production: boolean;
  readonly sessionIdleMinutes: number;
  /** Days a draft saved with a resume code is kept after its last save. */
  readonly draftDays: number;
  /** Days a help request is kept after it came in. */
  readonly helpRequestDays: number;
  /** Days the responses of a closed round are kept after it closed; undefined keeps them. */
  readonly responseRetentionDays?: number;
  /** The smallest count the report shows; smaller ones are hidden with a complementary cell. */
  readonly minCell: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Behind a TLS-terminating proxy: trust X-Forwarded-Proto so cookies get Secure. */
  readonly trustProxy: boolean;
  /** The municipality's statement on uustatus.no (https), when configured. */
  readonly uustatusUrl?: string;
  /** E-mail address for feedback about accessibility and the survey, when configured. */
  readonly contactEmail?: string;
  /** The data controller (usually the municipality), named on the privacy page, when configured. */
  readonly dataController?: string;
  /** The service's public origin (https://survey.example.no), for absolute addresses on pages, when configured. */
  readonly publicUrl?: string;
}

/** A setting is wrong; the message lists every problem, one per line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Throws with every problem listed when the environment is wrong, so start-up fails loudly. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    // One line per problem: a value can fail two checks with the same message (a URL's protocol and host).
    const lines = new Set(parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`));
    throw new ConfigError(`Invalid configuration:\n${[...lines].join('\n')}`);
  }
  const e = parsed.data;
  if ((e.ADMIN_USERNAME === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_USERNAME and ADMIN_PASSWORD must be set together');
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseFile: resolve(dataDir, 'survey.sqlite'),
    ...(e.ADMIN_USERNAME && e.ADMIN_PASSWORD ? { admin: { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD } } : {}),
    production: e.NODE_ENV === 'production',
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    draftDays: e.DRAFT_DAYS,
    helpRequestDays: e.HELP_REQUEST_DAYS,
    ...(e.RESPONSE_RETENTION_DAYS !== undefined ? { responseRetentionDays: e.RESPONSE_RETENTION_DAYS } : {}),
    minCell: e.MIN_CELL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    ...(e.UUSTATUS_URL ? { uustatusUrl: e.UUSTATUS_URL } : {}),
    ...(e.CONTACT_EMAIL ? { contactEmail: e.CONTACT_EMAIL } : {}),
    ...(e.DATA_CONTROLLER ? { dataController: e.DATA_CONTROLLER } : {}),
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}),
  };
}
