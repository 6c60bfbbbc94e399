/** A position in a list ordered by a time column, then id (ties). */
export interface KeysetPosition {
  at: Date;
  id: string;
}

/**
 * The rows past `position` in a list ordered by (`field`, id): `$lt` for newest-first lists,
 * `$gt` for oldest-first ones. Keyset paging stays stable while rows are added and needs no OFFSET.
 */
export function pastPosition<F extends string>(
  field: F,
  position: KeysetPosition,
  op: '$lt' | '$gt' = '$lt',
): { $or: Record<string, unknown>[] } {
  return {
    $or: [{ [field]: { [op]: position.at } }, { [field]: position.at, id: { [op]: position.id } }],
  };
}
