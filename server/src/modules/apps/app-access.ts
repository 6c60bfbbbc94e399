import type { User } from '../users/user.entity.js';
import type { App } from './app.entity.js';

/** Whether the app appears in the user's app store (AP1). Admins see every app. */
export function canSeeApp(user: User, app: App): boolean {
  if (user.role === 'ADMIN') return true;
  switch (app.visibility) {
    case 'PUBLIC':
      return true;
    case 'ROLES':
      return app.roles.includes(user.role);
    case 'MEMBERS':
      return app.members.includes(user.id);
    default:
      return false;
  }
}

/** Whether the user may start sessions on it: visible and enabled. */
export function canUseApp(user: User, app: App): boolean {
  return app.enabled && canSeeApp(user, app);
}
