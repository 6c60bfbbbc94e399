/** A Docker object as the engine lists it: its id and when it was created. */
export interface CreatedObject {
  Id: string;
  Created: string;
}

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

/** Milliseconds of the whole second, and the fraction as nine digits, so that both compare as numbers do. */
function instant(created: string): { seconds: number; fraction: string } {
  const parts = RFC3339.exec(created);
  if (!parts) return { seconds: Date.parse(created), fraction: '000000000' };
  return { seconds: Date.parse(parts[1]! + parts[3]!), fraction: (parts[2] ?? '').padEnd(9, '0') };
}

/**
 * Docker objects oldest first. The engine writes `Created` as RFC 3339 with nanoseconds and drops
 * trailing zeros ("…:40.12345Z" is older than "…:40.123456789Z" but sorts after it as a string), so
 * the time is compared, not the text; ties go by id, so that every worker picks the same one.
 */
export function oldestFirst<T extends CreatedObject>(objects: readonly T[]): T[] {
  const keyed = objects.map((object) => ({ object, at: instant(object.Created) }));
  keyed.sort(
    (a, b) =>
      a.at.seconds - b.at.seconds ||
      a.at.fraction.localeCompare(b.at.fraction) ||
      a.object.Id.localeCompare(b.object.Id),
  );
  return keyed.map(({ object }) => object);
}
