// Brings the database up to date and seeds what a fresh install needs; safe to run on every start.
import { loadConfig } from '../config.js';
import { initOrm, migrate } from '../db/orm.js';
import { createLogger } from '../logger.js';
import { seed } from '../seed.js';

const config = loadConfig();
const log = createLogger(config.logLevel, 'setup');
const orm = await initOrm(config.databaseUrl, { poolMax: 2 });
try {
  await migrate(orm);
  const result = await seed(orm, config);
  log.info(result, 'database ready');
} finally {
  await orm.close();
}
