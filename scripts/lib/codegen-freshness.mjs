import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export function snapshotFiles(dir) {
  const files = new Map();
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

export function diffSnapshots(before, after) {
  const added = [...after.keys()].filter((path) => !before.has(path)).sort();
  const removed = [...before.keys()].filter((path) => !after.has(path)).sort();
  const changed = [...after.keys()]
    .filter((path) => before.has(path) && before.get(path) !== after.get(path))
    .sort();
  return { added, removed, changed, same: added.length + removed.length + changed.length === 0 };
}

export function describeDiff({ added, removed, changed }, prefix = '') {
  return [
    ...added.map((path) => `  added:   ${prefix}${path}`),
    ...removed.map((path) => `  removed: ${prefix}${path}`),
    ...changed.map((path) => `  changed: ${prefix}${path}`),
  ];
}
