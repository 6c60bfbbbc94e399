import { NotFoundError } from '../../errors.js';
import type { User } from '../users/user.entity.js';
import { canSeeApp, canUseApp } from './app-access.js';
import type { App } from './app.entity.js';
import type { AppRepository } from './app.repository.js';
import { DEMO_APPS } from './demo-apps.js';

export class AppService {
  constructor(private readonly apps: AppRepository) {}

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

  seedDemoApps(): Promise<number> {
    return this.apps.createMissing(DEMO_APPS);
  }
}
