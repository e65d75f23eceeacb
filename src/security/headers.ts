import helmet from 'helmet';

/**
 * helmet's headers on every answer: no sniffing, no framing, no referrer, HSTS, and a Content-Security-Policy
 * that allows only this origin. The GraphQL IDE page sets its own, slightly wider policy (inline styles).
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { 'default-src': ["'self'"], 'frame-ancestors': ["'none'"] },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
