// API tokens for tools that fetch exports (shared/contract.md): 256 random bits,
// shown once, kept as a SHA-256 hash. A fast hash is right here: unlike a
// password, the token cannot be guessed, so nothing is gained by slowing it.
import { createHash, randomBytes } from 'node:crypto';

/** Marks the string as this service's token, so a leaked one is recognised in logs and scanners. */
const PREFIX = 'dus_';
const TOKEN = /^dus_[A-Za-z0-9_-]{43}$/;

export const newApiToken = (): string => `${PREFIX}${randomBytes(32).toString('base64url')}`;

export const hashApiToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Whether a string has a token's shape (a made-up or mistyped one is refused before any lookup). */
export const looksLikeApiToken = (text: string): boolean => TOKEN.test(text);

/** Names for tokens: what an admin would call the tool using it («Power BI økonomi»). */
export const TOKEN_NAME_MAX = 64;
