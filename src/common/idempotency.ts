import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError } from './app-error.js';
import { canonicalJson } from './audit.js';

/**
 * Safe retries for create-like mutations. The key row is inserted first, in the same transaction as the effect:
 * a concurrent retry waits on the unique key until the first commits, then finds its result. The same key with
 * a different request is refused, never silently applied.
 *
 * Returns the stored result id for a replay, or null when this call must do the work (and then `remember`).
 */
export async function claimIdempotencyKey(
  manager: EntityManager,
  userId: string,
  key: string,
  operation: string,
  request: unknown,
): Promise<{ replayOf: string | null; remember: (resultId: string) => Promise<void> }> {
  const requestHash = createHash('sha256').update(canonicalJson({ operation, request })).digest('hex');
  const inserted: unknown[] = await manager.query(
    `INSERT INTO idempotency_key (user_id, key, operation, request_hash, result_id) VALUES ($1, $2, $3, $4, '')
     ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
    [userId, key, operation, requestHash],
  );
  if (inserted.length === 0) {
    const [row] = await manager.query(
      `SELECT operation, request_hash, result_id FROM idempotency_key WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    if (row.operation !== operation || row.request_hash !== requestHash) {
      throw new AppError('CONFLICT', 'This idempotency key was used for a different request', {
        field: 'idempotencyKey',
        reason: 'IDEMPOTENCY_KEY_REUSED',
      });
    }
    return { replayOf: row.result_id, remember: async () => undefined };
  }
  return {
    replayOf: null,
    remember: async (resultId) => {
      await manager.query(`UPDATE idempotency_key SET result_id = $3 WHERE user_id = $1 AND key = $2`, [
        userId,
        key,
        resultId,
      ]);
    },
  };
}
