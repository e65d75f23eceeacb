import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../common/app-error.js';
import type { AppConfig } from '../config/config.js';

/**
 * Failed sign-ins are counted per email and address, and per address alone (ten times the allowance, against one
 * address guessing many accounts). Once either is spent, sign-in is refused with TOO_MANY_ATTEMPTS until the window
 * ends, before the password is checked; a success clears the email's count. Kept in memory per replica.
 */
export class LoginThrottle {
  private readonly byAccount: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(limits: AppConfig['limits']) {
    const duration = limits.loginWindowSeconds;
    this.byAccount = new RateLimiterMemory({ points: limits.loginFailures, duration });
    this.byAddress = new RateLimiterMemory({ points: limits.loginFailures * 10, duration });
  }

  /** Throws TOO_MANY_ATTEMPTS if this email and address may not try now. */
  async check(email: string, address: string): Promise<void> {
    const [account, ip] = await Promise.all([
      this.byAccount.get(`${email}|${address}`),
      this.byAddress.get(address),
    ]);
    const spent = [
      account && account.remainingPoints <= 0 ? account : null,
      ip && ip.remainingPoints <= 0 ? ip : null,
    ].filter((r): r is RateLimiterRes => r !== null);
    if (!spent.length) return;
    const retryAfterSeconds = Math.ceil(Math.max(...spent.map((r) => r.msBeforeNext)) / 1000);
    throw new AppError('TOO_MANY_ATTEMPTS', `Too many failed sign-ins: try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }

  async failed(email: string, address: string): Promise<void> {
    await Promise.all([this.byAccount.penalty(`${email}|${address}`, 1), this.byAddress.penalty(address, 1)]);
  }

  async succeeded(email: string, address: string): Promise<void> {
    await this.byAccount.delete(`${email}|${address}`);
  }
}
