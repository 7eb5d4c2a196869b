// `npm run reclassify [-- --all]`: classifies every stored response under the
// current segment rule (server/survey/classify.ts), on the database in DATA_DIR.
// Without --all, only responses not yet classified under it; with --all, every
// one again (after a fix to the rule's code). Safe beside a running server:
// one short transaction per batch.
import { parseArgs } from 'node:util';
import { classificationStore } from '../../db/classifications.ts';
import { reclassify } from '../reclassify.ts';
import { CURRENT_RULE } from '../survey/classify.ts';
import { instrument } from '../survey/definition.ts';
import { systemClock } from '../time.ts';
import { Refusal, runCommand, withStores } from './command.ts';

const USAGE = `Usage, in the app folder with the server's DATA_DIR:
  npm run reclassify            (responses not yet classified under ${CURRENT_RULE.version})
  npm run reclassify -- --all   (every response, again)`;

async function main(argv: string[]): Promise<string> {
  let all: boolean;
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { all: { type: 'boolean' } } });
    if (positionals.length > 0) throw new Error(`unexpected ${positionals.join(' ')}`);
    all = values.all ?? false;
  } catch (err) {
    throw new Refusal(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
  return withStores(async ({ auditLog }, db) => {
    let shown = 0;
    const result = await reclassify(classificationStore(db.conn), instrument, CURRENT_RULE, {
      all,
      progress: (done) => {
        // At most about once a second, on stderr: stdout keeps its one closing line.
        const now = Date.now();
        if (now - shown >= 1000) {
          shown = now;
          process.stderr.write(`${done} responses classified…\n`);
        }
      },
    });
    auditLog.record({ at: systemClock(), event: 'reclassified', detail: result.ruleVersion, via: 'cli' });
    return `Classified ${result.responses} responses under ${result.ruleVersion}.`;
  });
}

runCommand(() => main(process.argv.slice(2)));
