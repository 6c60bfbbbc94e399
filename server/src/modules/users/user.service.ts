import { NotFoundError } from '../../errors.js';
import type { User } from './user.entity.js';
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
