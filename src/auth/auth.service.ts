import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LoginThrottle } from '../security/login-throttle.js';
import type { AuthUser } from './auth-user.js';
import { hashPassword, verifyPassword } from './password.js';
import { ROLES, UserEntity } from './user.entity.js';

interface TokenClaims {
  /** Set by the signer from expiresIn. */
  exp: number;
  sub: string;
  email: string;
  role: AuthUser['role'];
  hid: string | null;
  cid: string | null;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

/** Verified tokens remembered (oldest forgotten first). */
const VERIFIED_TOKENS = 10_000;

// Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
const UNKNOWN_USER_HASH = hashPassword('unknown-user-timing-equaliser');

@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;
  private readonly verified = new Map<string, { user: AuthUser; expiresAt: number }>();

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.throttle = new LoginThrottle(config.limits);
  }

  async login(email: string, password: string, address = 'unknown'): Promise<IssuedToken> {
    const normalised = email.trim().toLowerCase();
    await this.throttle.attempt(normalised, address);
    const user = await this.users.findOneBy({ email: normalised });
    const valid = await verifyPassword(password, user?.passwordHash ?? (await UNKNOWN_USER_HASH));
    if (!user || !valid) throw AppError.unauthenticated('Wrong email or password');
    await this.throttle.succeeded(normalised, address);
    const claims: Omit<TokenClaims, 'exp'> = {
      sub: user.id,
      email: user.email,
      role: user.role,
      hid: user.hospitalId,
      cid: user.companyId,
    };
    const ttl = this.config.auth.tokenTtlSeconds;
    const token = await this.jwt.signAsync(claims, { expiresIn: ttl });
    return { token, expiresAt: new Date(Date.now() + ttl * 1000), user };
  }

  /**
   * Stateless: the role and tenancy travel in the signed token, so authorising a request costs no query. A token
   * verified once is remembered until it expires (its signature cannot change, and tokens are not revoked one by
   * one): the budget plugin and the guard both ask, and each HMAC check rebuilds a key.
   */
  async verifyToken(token: string): Promise<AuthUser> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.user;
    const verified = await this.verifySignature(token);
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, verified);
    return verified.user;
  }

  private async verifySignature(token: string): Promise<{ user: AuthUser; expiresAt: number }> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw AppError.unauthenticated(
        expired ? 'The token has expired: sign in again' : 'The token is not valid',
      );
    }
    if (!ROLES.includes(claims.role)) throw AppError.unauthenticated('The token is not valid');
    const user = {
      id: claims.sub,
      email: claims.email,
      role: claims.role,
      hospitalId: claims.hid,
      companyId: claims.cid,
    };
    return { user, expiresAt: claims.exp * 1000 };
  }

  async findUser(id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw AppError.unauthenticated('The account behind this token no longer exists');
    return user;
  }
}
