import type Docker from 'dockerode';
import type { Config } from './config.js';
import { initOrm, type Orm } from './db/orm.js';
import { connectDocker } from './docker/docker-engine.js';
import type { Logger } from './logger.js';
import { AppRepository } from './modules/apps/app.repository.js';
import { AppService } from './modules/apps/app.service.js';
import { ApiTokenRepository } from './modules/auth/api-token.repository.js';
import { AuthService } from './modules/auth/auth.service.js';
import { SessionRepository } from './modules/sessions/session.repository.js';
import { SessionService } from './modules/sessions/session.service.js';
import { UserRepository } from './modules/users/user.repository.js';
import { UserService } from './modules/users/user.service.js';
import { RedisPubSub } from './pubsub/redis-pubsub.js';
import { ObjectStorage } from './storage/object-storage.js';

/** Everything a process role needs, built once in its composition root and passed down. */
export interface Services {
  config: Config;
  log: Logger;
  orm: Orm;
  pubsub: RedisPubSub;
  storage: ObjectStorage;
  docker: Docker;
  users: UserService;
  auth: AuthService;
  apps: AppService;
  sessions: SessionService;
  close(): Promise<void>;
}

export async function buildServices(config: Config, log: Logger): Promise<Services> {
  const orm = await initOrm(config.databaseUrl);
  const pubsub = new RedisPubSub(config.redis.url, config.redis.prefix, log);
  await pubsub.connect();
  const storage = new ObjectStorage(config.s3);
  const docker = connectDocker(config.docker.host);

  const userRepository = new UserRepository(orm);
  const users = new UserService(userRepository);
  const auth = new AuthService(userRepository, new ApiTokenRepository(orm), {
    tokenTtlSeconds: config.auth.tokenTtlSeconds,
  });
  const apps = new AppService(new AppRepository(orm));
  const sessions = new SessionService(new SessionRepository(orm), apps, pubsub);

  return {
    config,
    log,
    orm,
    pubsub,
    storage,
    docker,
    users,
    auth,
    apps,
    sessions,
    async close() {
      await pubsub.close();
      storage.close();
      await orm.close();
    },
  };
}
