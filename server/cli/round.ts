// `npm run round -- create|open|close …` (shared/contract.md, "Running"): survey
// rounds from municipal IT scripts, on the database in DATA_DIR. The same rules
// as the admin page (server/rounds/form.ts); exit 0 on success, else one line
// on stderr.
import { newRound, roundSlug } from '../rounds/form.ts';
import { translator, type MessageKey } from '../i18n/messages.ts';
import { LANGUAGES } from '../survey/types.ts';
import { osloDate, systemClock } from '../time.ts';
import { openRound } from '../rounds/actions.ts';
import { commandLine, Refusal, runCommand, withStores } from './command.ts';

const USAGE = `Usage, in the app folder with the server's DATA_DIR:
  npm run round -- create --slug <slug> --name <name> [--opens YYYY-MM-DD] [--closes YYYY-MM-DD]
                          [--organisation <municipality>] [--language nb|nn|en]
  npm run round -- open --slug <slug>
  npm run round -- close --slug <slug>`;

const OPTION_OF_FIELD: Readonly<Record<string, string>> = {
  slug: '--slug',
  title: '--name',
  organisation: '--organisation',
  opensDate: '--opens',
  closesDate: '--closes',
  mainLanguage: '--language',
};

const en = translator('en');

async function main(argv: string[]): Promise<string> {
  const { command, values } = commandLine(argv, ['slug', 'name', 'opens', 'closes', 'organisation', 'language'], USAGE);
  if (values.slug === undefined) throw new Refusal(`--slug is needed.\n${USAGE}`, 2);
  return withStores(({ rounds, auditLog }, db) => {
    const now = systemClock();
    const today = osloDate(now);
    if (command === 'create') {
      const parsed = newRound.safeParse({
        slug: values.slug,
        title: values.name,
        // Unnamed, a new round belongs to the municipality of the latest one.
        organisation: values.organisation ?? rounds.all().at(-1)?.organisation ?? '',
        mainLanguage: values.language ?? 'nb',
        opensDate: values.opens,
        closesDate: values.closes,
        languages: [...LANGUAGES],
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = String(issue.path[0]);
        throw new Refusal(`${OPTION_OF_FIELD[field] ?? field}: ${en(issue.message as MessageKey)}.`);
      }
      const { slug, ...details } = parsed.data;
      if (rounds.slugTaken(slug)) throw new Refusal(`--slug: ${slug} has been used before; a slug is never reused.`);
      db.conn.transaction(() => {
        const roundId = rounds.create({ slug, ...details, createdDate: today });
        auditLog.record({ at: now, event: 'round_created', roundId, via: 'cli' });
      })();
      return `Created round ${slug}: /s/${slug}`;
    }
    const slug = roundSlug.safeParse(values.slug);
    const round = slug.success ? rounds.bySlug(slug.data) : undefined;
    if (!round) throw new Refusal(`There is no round ${values.slug}.`);
    switch (command) {
      case 'close': {
        const closed = db.conn.transaction(() => {
          if (!rounds.close(round.slug, today)) return false;
          auditLog.record({ at: now, event: 'round_closed', roundId: round.id, via: 'cli' });
          return true;
        })();
        if (!closed) throw new Refusal(`Round ${round.slug} is already closed.`);
        return `Closed round ${round.slug}; nobody can answer it now.`;
      }
      case 'open': {
        db.conn.transaction(() => openRound({ rounds, auditLog }, round, today, { at: now, via: 'cli' }))();
        return `Opened round ${round.slug}; citizens can answer from today.`;
      }
      default:
        throw new Refusal(USAGE, 2);
    }
  });
}

runCommand(() => main(process.argv.slice(2)));
