import type { Orm } from '../../db/orm.js';
import { AppSchema, type App } from './app.entity.js';

export type NewApp = Pick<App, 'slug' | 'name' | 'description' | 'provider' | 'model'> &
  Partial<Pick<App, 'systemPrompt' | 'options'>>;

export class AppRepository {
  constructor(private readonly orm: Orm) {}

  findById(id: string): Promise<App | null> {
    return this.orm.em.fork().findOne(AppSchema, { id });
  }

  /** Apps are few (a team's agent profiles), so callers filter visibility in memory. */
  findAll(): Promise<App[]> {
    return this.orm.em.fork().find(AppSchema, {}, { orderBy: { name: 'asc', id: 'asc' } });
  }

  /** Creates the apps whose slug is not taken yet; existing ones keep their settings. */
  async createMissing(apps: readonly NewApp[]): Promise<number> {
    const em = this.orm.em.fork();
    const existing = new Set(
      (await em.find(AppSchema, { slug: { $in: apps.map((a) => a.slug) } })).map((a) => a.slug),
    );
    const fresh = apps.filter((a) => !existing.has(a.slug));
    for (const app of fresh) em.create(AppSchema, app);
    await em.flush();
    return fresh.length;
  }
}
