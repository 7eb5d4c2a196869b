// Server secrets made by the migrations (005: the key that signs CSRF tokens).
import type { Connection } from './connection.ts';

export type SecretName = 'csrf';

export function readSecret(conn: Connection, name: SecretName): Buffer {
  const value = conn.prepare<[SecretName], Buffer>('SELECT value FROM app_secrets WHERE name = ?').pluck().get(name);
  if (!value) throw new Error(`the database has no ${name} secret (migration 005 makes it)`);
  return value;
}
