import type { Config } from './config.js';
import type { Orm } from './db/orm.js';
import { AppRepository } from './modules/apps/app.repository.js';
import { AppService } from './modules/apps/app.service.js';
import { UserRepository } from './modules/users/user.repository.js';
import { UserService } from './modules/users/user.service.js';

/** The admin from ADMIN_EMAIL/ADMIN_PASSWORD and one demo app per provider; idempotent. */
export async function seed(orm: Orm, config: Config): Promise<{ admin: string; appsCreated: number }> {
  const admin = await new UserService(new UserRepository(orm)).ensureAdmin(
    config.admin.email,
    config.admin.password,
  );
  const appsCreated = await new AppService(new AppRepository(orm), new UserRepository(orm)).seedDemoApps();
  return { admin: admin.email, appsCreated };
}
