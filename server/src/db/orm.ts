import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM } from '@mikro-orm/postgresql';
import { fileURLToPath } from 'node:url';
import { entities } from './entities.js';

export type Orm = MikroORM;

/** Committed migrations live at the top level, reviewed like code. */
export const migrationsPath = fileURLToPath(new URL('../../../migrations', import.meta.url));

export function ormConfig(databaseUrl: string, options: { poolMax?: number } = {}) {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolMax ?? 10 },
    migrations: {
      path: migrationsPath,
      pathTs: migrationsPath,
      glob: '!(*.d).{js,ts}',
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
    },
    // A forgotten fork must fail loudly rather than share one identity map between requests.
    allowGlobalContext: false,
    debug: false,
  });
}

export function initOrm(databaseUrl: string, options: { poolMax?: number } = {}): Promise<Orm> {
  return MikroORM.init(ormConfig(databaseUrl, options));
}

/** One round trip to the database: resolves if it answers, rejects if it does not. */
export async function pingDatabase(orm: Orm): Promise<void> {
  await orm.em.getConnection().execute('select 1');
}

/** Brings the schema up to the newest committed migration. */
export async function migrate(orm: Orm): Promise<void> {
  await orm.migrator.up();
}
