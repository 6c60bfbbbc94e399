// Installs missing Debian packages the first time they are needed. Where apt cannot be used
// the caller gets an error naming what is missing and how to get it.
import { existsSync } from 'node:fs';
import { info, warn } from './log.mjs';
import { runCommand } from './run-command.mjs';

let aptUpdated = false;

export function canUseApt() {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

async function aptGet(args) {
  return runCommand('apt-get', args, {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    prefix: 'apt',
  });
}

// `wanted`: [{ name, aptPackage, isPresent(), hint }]. One `apt-get update` and one install
// for everything missing; if that install fails, each is retried alone so one broken package
// does not cost the others. Returns the names still missing.
export async function installMissing(wanted) {
  let missing = wanted.filter((item) => !item.isPresent());
  if (missing.length === 0) return [];
  if (!canUseApt()) return missing.map((item) => item.name);

  info(`installing with apt: ${missing.map((item) => item.aptPackage).join(' ')}`);
  if (!aptUpdated) {
    if ((await aptGet(['update'])) !== 0) warn('apt-get update failed; trying to install anyway');
    aptUpdated = true;
  }
  const packages = missing.map((item) => item.aptPackage);
  if ((await aptGet(['install', '-y', ...packages])) !== 0 && missing.length > 1) {
    for (const item of missing.filter((m) => !m.isPresent())) {
      await aptGet(['install', '-y', item.aptPackage]);
    }
  }
  missing = missing.filter((item) => !item.isPresent());
  return missing.map((item) => item.name);
}

export function missingMessage(item) {
  const how = canUseApt()
    ? `apt-get install ${item.aptPackage} failed (see above)`
    : `install it (Debian/Ubuntu: sudo apt-get install ${item.aptPackage})`;
  return `${item.name} is missing: ${how}${item.hint ? `, ${item.hint}` : ''}.`;
}
