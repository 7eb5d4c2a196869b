// Staff and admin accounts. Passwords are stored only as scrypt hashes (server/auth/password.ts).
import type { Connection } from './connection.ts';

export type Role = 'admin' | 'staff';

export interface User {
  readonly id: number;
  readonly username: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly disabled: boolean;
  /** Raised by every password, role or status change; a session signed in with another one has ended. */
  readonly sessionGeneration: number;
}

interface UserRow {
  id: number;
  username: string;
  passwordHash: string;
  role: Role;
  disabled: number;
  sessionGeneration: number;
}

const toUser = (row: UserRow | undefined): User | undefined => (row ? { ...row, disabled: row.disabled === 1 } : undefined);
const COLUMNS = 'id, username, password_hash AS passwordHash, role, disabled, session_generation AS sessionGeneration';

export function userStore(conn: Connection) {
  const byUsername = conn.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = ?`);
  const byId = conn.prepare<[number], UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ?`);
  const insert = conn.prepare<[string, string, Role, string]>(
    'INSERT INTO users (username, password_hash, role, created_date) VALUES (?, ?, ?, ?)',
  );
  const count = conn.prepare<[], number>('SELECT count(*) FROM users').pluck();
  const list = conn.prepare<[], UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY username`);
  // Each change raises the session generation in the same statement, so no
  // session signed in before it, through the web or the command line, lives on.
  const setPassword = conn.prepare<[string, string]>(
    'UPDATE users SET password_hash = ?, session_generation = session_generation + 1 WHERE username = ?',
  );
  const setDisabled = conn.prepare<[number, string]>(
    'UPDATE users SET disabled = ?, session_generation = session_generation + 1 WHERE username = ?',
  );
  const setRole = conn.prepare<[Role, string]>(
    'UPDATE users SET role = ?, session_generation = session_generation + 1 WHERE username = ?',
  );

  return {
    byUsername: (username: string): User | undefined => toUser(byUsername.get(username)),
    byId: (id: number): User | undefined => toUser(byId.get(id)),
    count: (): number => count.get() ?? 0,
    /** By username. */
    list: (): User[] => list.all().map((row) => toUser(row)!),
    create(user: { username: string; passwordHash: string; role: Role; createdDate: string }): number {
      return Number(insert.run(user.username, user.passwordHash, user.role, user.createdDate).lastInsertRowid);
    },
    /** False when there is no such user. Their sessions end. */
    setPassword: (username: string, passwordHash: string): boolean => setPassword.run(passwordHash, username).changes > 0,
    /** False when there is no such user. A disabled user cannot sign in; either way their sessions end. */
    setDisabled: (username: string, disabled: boolean): boolean => setDisabled.run(disabled ? 1 : 0, username).changes > 0,
    /** False when there is no such user. Their sessions end: the next sign-in gets the new role. */
    setRole: (username: string, role: Role): boolean => setRole.run(role, username).changes > 0,
  };
}

export type UserStore = ReturnType<typeof userStore>;
