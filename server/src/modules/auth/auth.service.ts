import { InvalidCredentialsError, ValidationError } from '../../errors.js';
import type { User } from '../users/user.entity.js';
import { verifyPassword } from '../users/password.js';
import type { UserRepository } from '../users/user.repository.js';
import type { ApiTokenRepository } from './api-token.repository.js';
import { generateToken, hashToken } from './token.js';

/** Who is calling, and with which token (so `logout` can revoke exactly that one). */
export interface Principal {
  user: User;
  tokenId: string;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date | null;
  user: User;
}

// Writing lastUsedAt on every request would turn reads into writes; once a minute is enough to audit.
const TOUCH_INTERVAL_MS = 60_000;

// A hash of a password nobody has, so an unknown email costs the same time as a wrong password.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: ApiTokenRepository,
    private readonly options: { tokenTtlSeconds: number },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async login(email: string, password: string): Promise<IssuedToken> {
    const trimmed = email.trim();
    if (!trimmed || !password) {
      throw new ValidationError('email and password are required', [
        ...(trimmed ? [] : [{ path: ['email'], message: 'required' }]),
        ...(password ? [] : [{ path: ['password'], message: 'required' }]),
      ]);
    }
    const user = await this.users.findByEmail(trimmed);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) throw new InvalidCredentialsError();
    const expiresAt = new Date(this.now().getTime() + this.options.tokenTtlSeconds * 1000);
    return this.issue(user, 'LOGIN', 'login', expiresAt);
  }

  /** A long-lived token for scripts and third-party clients. */
  async createApiToken(user: User, name: string, expiresInDays: number | null): Promise<IssuedToken> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) {
      throw new ValidationError('a token needs a name of 1 to 100 characters', [
        { path: ['name'], message: 'must be 1 to 100 characters' },
      ]);
    }
    if (
      expiresInDays !== null &&
      (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 3650)
    ) {
      throw new ValidationError('expiresInDays must be a whole number from 1 to 3650', [
        { path: ['expiresInDays'], message: 'must be 1 to 3650' },
      ]);
    }
    const expiresAt =
      expiresInDays === null ? null : new Date(this.now().getTime() + expiresInDays * 86_400_000);
    return this.issue(user, 'API', trimmed, expiresAt);
  }

  /** The principal behind a bearer token, or null when the token is unknown, revoked or expired. */
  async authenticate(token: string): Promise<Principal | null> {
    const stored = await this.tokens.findByHash(hashToken(token));
    if (!stored || stored.revokedAt) return null;
    const now = this.now();
    if (stored.expiresAt && stored.expiresAt.getTime() <= now.getTime()) return null;
    if (!stored.lastUsedAt || now.getTime() - stored.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.tokens.touch(stored.id, now);
    }
    return { user: stored.user, tokenId: stored.id };
  }

  /** Revokes the caller's token; true when it was live. */
  logout(principal: Principal): Promise<boolean> {
    return this.tokens.revoke(principal.tokenId, principal.user.id, this.now());
  }

  purgeDeadTokens(): Promise<number> {
    return this.tokens.deleteDead(this.now());
  }

  private async issue(
    user: User,
    kind: 'LOGIN' | 'API',
    name: string,
    expiresAt: Date | null,
  ): Promise<IssuedToken> {
    const token = generateToken();
    await this.tokens.create({ user, tokenHash: hashToken(token), name, kind, expiresAt });
    return { token, expiresAt, user };
  }
}
