import { ValidationError } from '../../server/src/errors.js';

/**
 * Opaque Relay cursors for keyset paging on (time, id): stable while rows are added, cheap for
 * the database (no OFFSET). A cursor the API did not hand out is a typed ValidationError.
 */
export function encodeKeysetCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeKeysetCursor(cursor: string): { at: Date; id: string } {
  try {
    const [iso, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    const at = new Date(String(iso));
    if (typeof id === 'string' && typeof iso === 'string' && !Number.isNaN(at.getTime())) return { at, id };
  } catch {
    // fall through to the typed error
  }
  throw new ValidationError('the cursor is not one this API handed out', [
    { path: ['after'], message: 'invalid cursor' },
  ]);
}

/** A decoded cursor for lists ordered by creation time. */
export function decodeCreatedAtCursor(cursor: string): { createdAt: Date; id: string } {
  const { at, id } = decodeKeysetCursor(cursor);
  return { createdAt: at, id };
}
