// `npm run user -- add|passwd|disable|role …` (shared/contract.md, "Running"):
// user accounts from the command line, on the database in DATA_DIR. The password
// is read from standard input, never from the command line (it would sit in the
// shell history and the process list). A password, role or status change ends
// every session of that user, in the running server too (db/users.ts).
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { createStores } from '../../db/stores.ts';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password.ts';
import { loadConfig } from '../config.ts';
import { osloDate, systemClock } from '../time.ts';
import { Refusal, runCommand } from './command.ts';

const USAGE = `Usage, in the app folder with the server's DATA_DIR:
  npm run user -- add --username <name> --role admin|staff   (password on standard input)
  npm run user -- passwd --username <name>                   (password on standard input)
  npm run user -- disable --username <name>
  npm run user -- role --username <name> --role admin|staff`;

const ROLES = ['admin', 'staff'] as const;
type Role = (typeof ROLES)[number];
const isRole = (value: unknown): value is Role => ROLES.some((r) => r === value);

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter and Ctrl-D): ');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  // One trailing line end is how `echo` and a terminal end input; it is not part of the password.
  const password = text.replace(/\r?\n$/, '');
  if (password.length < PASSWORD_MIN_LENGTH) throw new Refusal(`The password needs at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (password.length > PASSWORD_MAX_LENGTH) throw new Refusal(`The password can have at most ${PASSWORD_MAX_LENGTH} characters.`);
  return password;
}

async function main(argv: string[]): Promise<string> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { username: { type: 'string' }, role: { type: 'string' } } });
  } catch (err) {
    throw new Refusal(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
  const { positionals, values } = parsed;
  const [command, ...extra] = positionals;
  const username = values.username?.trim();
  if (!command || extra.length > 0 || !username) throw new Refusal(USAGE, 2);

  const config = loadConfig(process.env);
  const db = openDatabase(config.databaseFile);
  try {
    const { users, auditLog } = createStores(db.conn);
    const logged = (event: 'user_added' | 'password_changed' | 'user_disabled' | 'role_changed'): void =>
      auditLog.record({ at: systemClock(), event, userId: users.byUsername(username)?.id ?? null, via: 'cli' });
    switch (command) {
      case 'add': {
        if (!isRole(values.role)) throw new Refusal(`--role must be admin or staff.\n${USAGE}`, 2);
        if (username.length > 64) throw new Refusal('The username can have at most 64 characters.');
        if (users.byUsername(username)) throw new Refusal(`User ${username} exists already.`);
        const passwordHash = await hashPassword(await readPassword());
        users.create({ username, passwordHash, role: values.role, createdDate: osloDate(systemClock()) });
        logged('user_added');
        return `Added ${values.role} ${username}.`;
      }
      case 'passwd': {
        if (!users.byUsername(username)) throw new Refusal(`There is no user ${username}.`);
        users.setPassword(username, await hashPassword(await readPassword()));
        logged('password_changed');
        return `Changed the password of ${username}; their sessions have ended.`;
      }
      case 'disable': {
        if (!users.setDisabled(username, true)) throw new Refusal(`There is no user ${username}.`);
        logged('user_disabled');
        return `Disabled ${username}: they can no longer sign in, and are signed out.`;
      }
      case 'role': {
        if (!isRole(values.role)) throw new Refusal(`--role must be admin or staff.\n${USAGE}`, 2);
        if (!users.setRole(username, values.role)) throw new Refusal(`There is no user ${username}.`);
        logged('role_changed');
        return `${username} is now ${values.role}, from their next sign-in.`;
      }
      default:
        throw new Refusal(USAGE, 2);
    }
  } finally {
    db.close();
  }
}

runCommand(() => main(process.argv.slice(2)));
