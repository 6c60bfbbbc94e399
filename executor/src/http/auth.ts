import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { EXECUTOR_TOKEN_HEADER } from '../protocol.js';

/**
 * Checks `Authorization: Bearer <token>` in constant time. Both sides are hashed first so that
 * neither the comparison nor an early length mismatch tells how close a guess was.
 */
export function createTokenCheck(token: string): (request: IncomingMessage) => boolean {
  const expected = digest(token);
  return (request) => {
    const header = request.headers[EXECUTOR_TOKEN_HEADER];
    if (typeof header !== 'string') return false;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match === null) return false;
    return timingSafeEqual(digest(match[1] ?? ''), expected);
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
