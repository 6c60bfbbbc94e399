import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'abt_';

/** A bearer token: a recognisable prefix (so secret scanners can find leaked ones) and 256 random bits. */
export function generateToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256; the token itself is shown once. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The token from an `Authorization: Bearer <token>` value, or null for anything else. */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
