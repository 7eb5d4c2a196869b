// `npm run token -- create|revoke --name <label>` (shared/contract.md): API tokens
// for tools that fetch exports, on the database in DATA_DIR. The token is printed
// once, alone on the last line of stdout, so a script can take it with `tail -n 1`.
import { hashApiToken, newApiToken } from '../auth/api-token.ts';
import { tokenName } from '../http/admin/tokens.ts';
import { translator } from '../i18n/messages.ts';
import { osloDate, systemClock } from '../time.ts';
import { commandLine, Refusal, runCommand, withStores } from './command.ts';

const USAGE = `Usage, in the app folder with the server's DATA_DIR:
  npm run token -- create --name <label>   (prints the token, only this once, on the last line)
  npm run token -- revoke --name <label>`;

async function main(argv: string[]): Promise<string> {
  const { command, values } = commandLine(argv, ['name'], USAGE);
  const name = tokenName.safeParse(values.name);
  if (!name.success) throw new Refusal(`--name: ${translator('en')(name.error.issues[0]!.message as 'tokens.nameMissing')}.`, 2);
  return withStores(({ apiTokens, auditLog }, db) => {
    const now = systemClock();
    switch (command) {
      case 'create': {
        const token = newApiToken();
        const id = db.conn.transaction(() => {
          const created = apiTokens.create({ name: name.data, hash: hashApiToken(token), createdDate: osloDate(now), createdBy: null });
          if (created !== undefined) auditLog.record({ at: now, event: 'token_created', tokenId: created, via: 'cli' });
          return created;
        })();
        if (id === undefined) throw new Refusal(`A live token is already named ${name.data}: revoke it first, or choose another name.`);
        return `Created API token ${name.data}. It is shown only now; send it as "Authorization: Bearer <token>".\n${token}`;
      }
      case 'revoke': {
        const revoked = db.conn.transaction(() => {
          const token = apiTokens.liveByName(name.data);
          if (!token || !apiTokens.revoke(token.id, osloDate(now))) return false;
          auditLog.record({ at: now, event: 'token_revoked', tokenId: token.id, via: 'cli' });
          return true;
        })();
        if (!revoked) throw new Refusal(`There is no live token named ${name.data}.`);
        return `Revoked API token ${name.data}: it no longer opens anything.`;
      }
      default:
        throw new Refusal(USAGE, 2);
    }
  });
}

runCommand(() => main(process.argv.slice(2)));
