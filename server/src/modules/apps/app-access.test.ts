import { describe, expect, it } from 'vitest';
import type { User } from '../users/user.entity.js';
import type { App } from './app.entity.js';
import { canSeeApp, canUseApp } from './app-access.js';

const member = { id: 'u1', role: 'MEMBER' } as User;
const admin = { id: 'u2', role: 'ADMIN' } as User;
const app = (overrides: Partial<App>) =>
  ({ visibility: 'PUBLIC', roles: [], members: [], enabled: true, ...overrides }) as App;

describe('app access', () => {
  it('shows public apps to everyone', () => {
    expect(canSeeApp(member, app({}))).toBe(true);
  });

  it('limits role and member apps to those named', () => {
    expect(canSeeApp(member, app({ visibility: 'ROLES', roles: ['ADMIN'] }))).toBe(false);
    expect(canSeeApp(member, app({ visibility: 'ROLES', roles: ['MEMBER'] }))).toBe(true);
    expect(canSeeApp(member, app({ visibility: 'MEMBERS', members: ['other'] }))).toBe(false);
    expect(canSeeApp(member, app({ visibility: 'MEMBERS', members: ['u1'] }))).toBe(true);
  });

  it('lets admins see everything but use only enabled apps', () => {
    expect(canSeeApp(admin, app({ visibility: 'MEMBERS' }))).toBe(true);
    expect(canUseApp(admin, app({ enabled: false }))).toBe(false);
    expect(canUseApp(member, app({}))).toBe(true);
  });
});
