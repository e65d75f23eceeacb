import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../common/app-error.js';
import type { AppConfig } from '../config/config.js';

/**
 * Sign-in attempts are counted per email and address, and per address alone (ten times the allowance, against one
 * address guessing many accounts). Each attempt is charged before the password is checked, so attempts sent all at
 * once cannot slip past the count; a success gives its charge back and clears the email's count. Once either is
 * spent, sign-in is refused with TOO_MANY_ATTEMPTS until the window ends. Kept in memory per replica.
 */
export class LoginThrottle {
  private readonly byAccount: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(limits: AppConfig['limits']) {
    const duration = limits.loginWindowSeconds;
    this.byAccount = new RateLimiterMemory({ points: limits.loginFailures, duration });
    this.byAddress = new RateLimiterMemory({ points: limits.loginFailures * 10, duration });
  }

  /** Charges one attempt; throws TOO_MANY_ATTEMPTS if this email or address has none left. */
  async attempt(email: string, address: string): Promise<void> {
    const results = await Promise.allSettled([
      this.byAccount.consume(`${email}|${address}`, 1),
      this.byAddress.consume(address, 1),
    ]);
    const spent = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (!spent.length) return;
    const unexpected = spent.find((r) => !(r instanceof RateLimiterRes));
    if (unexpected) throw unexpected;
    const waits = (spent as RateLimiterRes[]).map((r) => r.msBeforeNext);
    const retryAfterSeconds = Math.ceil(Math.max(...waits) / 1000);
    throw new AppError('TOO_MANY_ATTEMPTS', `Too many failed sign-ins: try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }

  async succeeded(email: string, address: string): Promise<void> {
    await Promise.all([this.byAccount.delete(`${email}|${address}`), this.byAddress.reward(address, 1)]);
  }
}
