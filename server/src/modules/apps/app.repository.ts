import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Orm } from '../../db/orm.js';
import { ValidationError } from '../../errors.js';
import type { AppFields } from './app-input.js';
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

  /** Inserts an app; a taken slug is a ValidationError, also when another admin took it just now. */
  async create(fields: AppFields & { slug: string; createdBy: string }): Promise<App> {
    const em = this.orm.em.fork();
    if (await em.count(AppSchema, { slug: fields.slug })) throw slugTaken(fields.slug);
    try {
      const app = em.create(AppSchema, fields);
      await em.flush();
      return app;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw slugTaken(fields.slug);
      throw error;
    }
  }

  /** Applies validated changes; null when the app is gone. */
  async update(id: string, changes: Partial<AppFields>): Promise<App | null> {
    const em = this.orm.em.fork();
    const app = await em.findOne(AppSchema, { id });
    if (!app) return null;
    em.assign(app, changes);
    await em.flush();
    return app;
  }
}

function slugTaken(slug: string): ValidationError {
  return new ValidationError(`an app with the slug "${slug}" exists`, [
    { path: ['slug'], message: 'already taken' },
  ]);
}
