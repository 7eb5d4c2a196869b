// `npm run build`: compiles the server to JavaScript in dist/ and puts beside it
// what it reads at run time (templates, the public files, the migrations), so
// that `node dist/server/main.js` needs nothing but production dependencies.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'dist');
/** Read from disk at run time, at the same place relative to the code as in the sources. */
const RUNTIME_FILES = ['views', 'public', join('db', 'migrations')];

rmSync(OUT, { recursive: true, force: true });
// npm run puts the project's tsc on the PATH.
const compiled = spawnSync('tsc', ['-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit', shell: process.platform === 'win32' });
if (compiled.status !== 0) {
  process.stderr.write('The TypeScript build failed.\n');
  process.exit(compiled.status ?? 1);
}
for (const folder of RUNTIME_FILES) cpSync(join(ROOT, folder), join(OUT, folder), { recursive: true });
process.stdout.write(`Built the server into ${OUT}. Start it with: npm run start:prod\n`);
