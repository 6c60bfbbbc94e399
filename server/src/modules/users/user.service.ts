import { ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../../errors.js';
import type { Role, User } from './user.entity.js';
import { hashPassword } from './password.js';
import type { UserRepository } from './user.repository.js';

export class UserService {
  constructor(private readonly users: UserRepository) {}

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  findByIds(ids: readonly string[]): Promise<User[]> {
    return this.users.findByIds(ids);
  }

  /** An admin adds a member (or another admin) to the team. */
  async create(
    actor: User,
    input: { email: string; name: string; password: string; role: Role },
  ): Promise<User> {
    if (actor.role !== 'ADMIN') throw new ForbiddenError('only admins can add users');
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    const issues: FieldIssue[] = [];
    if (!/^[^\s@]+@[^\s@]+$/.test(email))
      issues.push({ path: ['email'], message: 'must be an email address' });
    if (!name || name.length > 100) issues.push({ path: ['name'], message: 'must be 1 to 100 characters' });
    if (input.password.length < 8)
      issues.push({ path: ['password'], message: 'must have at least 8 characters' });
    if (issues.length) throw new ValidationError('the user was not created: check the marked fields', issues);
    if (await this.users.findByEmail(email)) {
      throw new ValidationError('a user with that email exists', [
        { path: ['email'], message: 'already taken' },
      ]);
    }
    return this.users.createIfMissing({
      email,
      name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    });
  }

  /** The first start creates the admin; later starts leave an existing account (and its password) alone. */
  async ensureAdmin(email: string, password: string): Promise<User> {
    return this.users.createIfMissing({
      email: email.toLowerCase(),
      name: 'Admin',
      role: 'ADMIN',
      passwordHash: await hashPassword(password),
    });
  }
}
