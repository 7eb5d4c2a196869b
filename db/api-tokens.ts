// API tokens (migration 006): named, stored as their SHA-256 only, revoked by name.
import { isUniqueViolation, type Connection } from './connection.ts';

export interface ApiToken {
  readonly id: number;
  readonly name: string;
  readonly createdDate: string;
  /** Who made it; null when made on the command line. */
  readonly createdBy: string | null;
  readonly revokedDate: string | null;
  readonly lastUsedDate: string | null;
}

const COLUMNS = `t.id, t.name, t.created_date AS createdDate, u.username AS createdBy,
                 t.revoked_date AS revokedDate, t.last_used_date AS lastUsedDate`;

export function apiTokenStore(conn: Connection) {
  const insert = conn.prepare<[string, string, string, number | null]>(
    'INSERT INTO api_tokens (name, token_hash, created_date, created_by) VALUES (?, ?, ?, ?)',
  );
  const liveByName = conn.prepare<[string], ApiToken>(
    `SELECT ${COLUMNS} FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by WHERE t.name = ? AND t.revoked_date IS NULL`,
  );
  const liveByHash = conn.prepare<[string], ApiToken>(
    `SELECT ${COLUMNS} FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by WHERE t.token_hash = ? AND t.revoked_date IS NULL`,
  );
  const all = conn.prepare<[], ApiToken>(
    `SELECT ${COLUMNS} FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by ORDER BY t.revoked_date IS NOT NULL, t.id DESC`,
  );
  const revoke = conn.prepare<[string, number]>('UPDATE api_tokens SET revoked_date = ? WHERE id = ? AND revoked_date IS NULL');
  // Written at most once a day per token: a use is dated, like every other trace of data access.
  const used = conn.prepare<[{ date: string; id: number }]>(
    'UPDATE api_tokens SET last_used_date = @date WHERE id = @id AND last_used_date IS NOT @date',
  );

  return {
    /** Stores a new token under a name no live token has; returns its id, or undefined when the name is taken. */
    create(token: { name: string; hash: string; createdDate: string; createdBy: number | null }): number | undefined {
      if (liveByName.get(token.name)) return undefined;
      try {
        return Number(insert.run(token.name, token.hash, token.createdDate, token.createdBy).lastInsertRowid);
      } catch (err) {
        // Taken in the same moment by another connection (the command line and the web at once).
        if (isUniqueViolation(err)) return undefined;
        throw err;
      }
    },
    /** The live token with this hash. */
    live: (hash: string): ApiToken | undefined => liveByHash.get(hash),
    liveByName: (name: string): ApiToken | undefined => liveByName.get(name),
    /** Live tokens first, newest first. */
    all: (): ApiToken[] => all.all(),
    /** Revokes a live token; false when it was not live. */
    revoke: (id: number, date: string): boolean => revoke.run(date, id).changes > 0,
    markUsed: (id: number, date: string): void => void used.run({ date, id }),
  };
}

export type ApiTokenStore = ReturnType<typeof apiTokenStore>;
