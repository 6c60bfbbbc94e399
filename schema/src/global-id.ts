import { decodeGlobalID } from '@pothos/plugin-relay';
import { ValidationError } from '../../server/src/errors.js';

/**
 * The database id inside a global id of the expected type. A malformed id, or one of another
 * type, is bad input: a typed ValidationError, never an internal error.
 */
export function decodeId(expectedType: string, globalId: string, path: string[]): string {
  try {
    const { typename, id } = decodeGlobalID(globalId);
    if (typename === expectedType && id) return id;
  } catch {
    // fall through to the typed error below
  }
  throw new ValidationError(`"${globalId}" is not a valid ${expectedType} id`, [
    { path, message: `must be the id of a ${expectedType}` },
  ]);
}

/** Like decodeId, for lookups that answer null instead of failing. */
export function tryDecodeId(expectedType: string, globalId: string): string | null {
  try {
    return decodeId(expectedType, globalId, []);
  } catch {
    return null;
  }
}
