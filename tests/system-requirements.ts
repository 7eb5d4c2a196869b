// Run by `npm test` before anything else (issue 12, point 10): the browser and
// HTML validity tests need Debian's Chromium and Java. On a fresh machine where
// they are missing, root with apt-get installs them, saying so; anyone else
// gets one line saying exactly what to install, at once, not a failed suite ten
// minutes later.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CHROMIUM } from './helpers/chromium.ts';

/** The Debian packages that give what is missing. */
export const PACKAGES = { chromium: 'chromium', java: 'default-jre-headless' } as const;

export interface Found {
  readonly chromium: boolean;
  /** CHROME_PATH names another browser than Debian's: apt cannot put one there. */
  readonly chromiumPathSet: boolean;
  readonly java: boolean;
  readonly root: boolean;
  readonly apt: boolean;
}

export type Plan = { readonly kind: 'ready' } | { readonly kind: 'install'; readonly packages: string[] } | { readonly kind: 'refuse'; readonly message: string };

export function plan(found: Found): Plan {
  const missing = [...(found.chromium ? [] : [PACKAGES.chromium]), ...(found.java ? [] : [PACKAGES.java])];
  if (missing.length === 0) return { kind: 'ready' };
  if (!found.chromium && found.chromiumPathSet) {
    return { kind: 'refuse', message: `npm test needs Chromium at CHROME_PATH (${CHROMIUM}), which does not exist: fix CHROME_PATH or unset it to use Debian's chromium.` };
  }
  if (found.root && found.apt) return { kind: 'install', packages: missing };
  return {
    kind: 'refuse',
    message: `npm test needs ${missing.join(' and ')} for the browser and HTML validity tests: run "sudo apt-get install -y ${missing.join(' ')}" (or set CHROME_PATH to a Chromium), then npm test again.`,
  };
}

const succeeds = (command: string, args: string[]): boolean => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

function look(): Found {
  return {
    chromium: existsSync(CHROMIUM),
    chromiumPathSet: Boolean(process.env['CHROME_PATH']),
    java: succeeds('java', ['-version']),
    root: process.getuid?.() === 0,
    apt: succeeds('apt-get', ['--version']),
  };
}

function main(): void {
  const first = plan(look());
  if (first.kind === 'ready') return;
  if (first.kind === 'refuse') {
    process.stderr.write(`${first.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`The browser and HTML validity tests need ${first.packages.join(' and ')}: installing with apt-get (about a minute)…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const updated = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const installed = updated.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', ...first.packages], { stdio: 'inherit', env }).status === 0;
  const after = plan(look());
  if (!installed || after.kind !== 'ready') {
    process.stderr.write(`apt-get could not install ${first.packages.join(' and ')}; install them by hand, then run npm test again.\n`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
