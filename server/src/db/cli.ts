// Developer commands for migrations: `npm run migration:create` diffs the entities against the
// database (DATABASE_URL) and writes the next migration into migrations/; `npm run migration:up`
// applies pending ones.
import { loadConfig } from '../config.js';
import { initOrm } from './orm.js';

const command = process.argv[2];
const config = loadConfig();
const orm = await initOrm(config.databaseUrl, { poolMax: 2 });
try {
  if (command === 'create') {
    const name = process.argv[3];
    const result = await orm.migrator.create(undefined, false, false, name);
    console.log(
      result.diff.up.length ? `created ${result.fileName}` : 'no changes: entities match the database',
    );
  } else if (command === 'up') {
    const applied = await orm.migrator.up();
    console.log(`applied ${applied.length} migration(s)`);
  } else {
    console.error('usage: tsx server/src/db/cli.ts create [name] | up');
    process.exitCode = 2;
  }
} finally {
  await orm.close();
}
