import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import type { User } from '../users/user.entity.js';
import type { UserRepository } from '../users/user.repository.js';
import { canSeeApp, canUseApp } from './app-access.js';
import { validateAppChanges, validateNewApp, type AppInput } from './app-input.js';
import type { App } from './app.entity.js';
import type { AppRepository } from './app.repository.js';
import { DEMO_APPS } from './demo-apps.js';

export class AppService {
  constructor(
    private readonly apps: AppRepository,
    private readonly users: UserRepository,
  ) {}

  /** The viewer's app store, by name. */
  async listVisible(viewer: User): Promise<App[]> {
    return (await this.apps.findAll()).filter((app) => canSeeApp(viewer, app));
  }

  /** An app the viewer may see; an invisible app is reported as missing, not forbidden. */
  async getVisible(viewer: User, id: string): Promise<App> {
    const app = await this.apps.findById(id);
    if (!app || !canSeeApp(viewer, app)) throw new NotFoundError('App', id);
    return app;
  }

  /** Any app, without a viewer: for the job worker's sweeps, which act for no user. */
  findById(id: string): Promise<App | null> {
    return this.apps.findById(id);
  }

  canUse(viewer: User, app: App): boolean {
    return canUseApp(viewer, app);
  }

  /** AP1: an admin adds an app. Everything is checked before anything is written. */
  async create(actor: User, input: AppInput): Promise<App> {
    if (actor.role !== 'ADMIN') throw new ForbiddenError('only admins can create apps');
    const fields = validateNewApp(input);
    await this.assertMembersExist(fields.members);
    return this.apps.create({ ...fields, createdBy: actor.id });
  }

  /** AP1: an admin changes an app; absent fields stay as they are. Bad input changes nothing. */
  async update(actor: User, id: string, input: AppInput): Promise<App> {
    if (actor.role !== 'ADMIN') throw new ForbiddenError('only admins can change apps');
    const current = await this.apps.findById(id);
    if (!current) throw new NotFoundError('App', id);
    const changes = validateAppChanges(current, input);
    if (changes.members) await this.assertMembersExist(changes.members);
    const updated = await this.apps.update(id, changes);
    if (!updated) throw new NotFoundError('App', id);
    return updated;
  }

  seedDemoApps(): Promise<number> {
    return this.apps.createMissing(DEMO_APPS);
  }

  private async assertMembersExist(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = new Set((await this.users.findByIds(ids)).map((user) => user.id));
    const issues = ids
      .map((id, index) => ({ id, index }))
      .filter(({ id }) => !found.has(id))
      .map(({ index }) => ({ path: ['members', String(index)], message: 'no such user' }));
    if (issues.length > 0)
      throw new ValidationError('the app was not saved: members names an unknown user', issues);
  }
}
