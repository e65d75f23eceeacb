import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * Append-only, hash-chained audit trail. Each event's hash is sha256(previous hash + payload), where the payload
 * is the event's canonical JSON stored as text (jsonb would reorder keys and break the hash). Changing, removing
 * or reordering any event breaks every hash after it; `verifyAuditChain` finds the first broken link.
 * Written in the caller's transaction, so a change and its audit event commit or fail together.
 */
export const GENESIS_HASH = '0'.repeat(64);
// Appends are serialised: the chain has one tip, and two writers must not both link to it.
const AUDIT_LOCK = 7_346_251_003;

export interface AuditInput {
  entityType: string;
  entityId: string;
  action: string;
  actorId: string | null;
  before: unknown;
  after: unknown;
  /** Why, for decisions: the reviewer's written justification. */
  justification?: string;
}

export interface AuditEvent {
  seq: string;
  entityType: string;
  entityId: string;
  action: string;
  actorId: string | null;
  at: Date;
  before: unknown;
  after: unknown;
  justification: string | null;
  hash: string;
  prevHash: string;
}

/** JSON with object keys sorted at every depth, so the same event always serialises to the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

export function linkHash(prevHash: string, payload: string): string {
  return createHash('sha256').update(prevHash).update(payload).digest('hex');
}

export async function appendAudit(manager: EntityManager, input: AuditInput): Promise<string> {
  await manager.query(`SELECT pg_advisory_xact_lock($1)`, [AUDIT_LOCK]);
  const [tip] = await manager.query(`SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1`);
  const seq = tip ? Number(tip.seq) + 1 : 1;
  const prevHash: string = tip?.hash ?? GENESIS_HASH;
  const [{ at }] = await manager.query(`SELECT now() AS at`);
  const payload = canonicalJson({
    seq,
    entityType: input.entityType,
    entityId: input.entityId,
    action: input.action,
    actorId: input.actorId,
    at: new Date(at).toISOString(),
    before: input.before ?? null,
    after: input.after ?? null,
    justification: input.justification ?? null,
  });
  const hash = linkHash(prevHash, payload);
  await manager.query(
    `INSERT INTO audit_event (seq, entity_type, entity_id, action, actor_id, at, payload, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [seq, input.entityType, input.entityId, input.action, input.actorId, at, payload, prevHash, hash],
  );
  return hash;
}

export function toAuditEvent(row: {
  seq: string;
  payload: string;
  hash: string;
  prev_hash: string;
}): AuditEvent {
  const p = JSON.parse(row.payload);
  return {
    seq: String(row.seq),
    entityType: p.entityType,
    entityId: p.entityId,
    action: p.action,
    actorId: p.actorId,
    at: new Date(p.at),
    before: p.before,
    after: p.after,
    justification: p.justification,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}

export interface ChainVerdict {
  events: number;
  ok: boolean;
  /** The first event whose link does not hold, and why. */
  firstBroken: { seq: string; reason: string } | null;
}

/** Walks the whole chain in order, in pages, recomputing every link. */
export async function verifyAuditChain(manager: EntityManager, pageSize = 5000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let events = 0;
  for (let after = 0; ;) {
    const rows: { seq: string; payload: string; prev_hash: string; hash: string; entity_id: string }[] =
      await manager.query(
        `SELECT seq, payload, prev_hash, hash, entity_id FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, pageSize],
      );
    if (rows.length === 0) return { events, ok: true, firstBroken: null };
    for (const row of rows) {
      events++;
      const broken = (reason: string) => ({
        events,
        ok: false,
        firstBroken: { seq: String(row.seq), reason },
      });
      if (Number(row.seq) !== expectedSeq)
        return broken(`expected event ${expectedSeq} here: an event is missing`);
      if (row.prev_hash !== prevHash) return broken('its previous-hash does not match the event before it');
      if (linkHash(prevHash, row.payload) !== row.hash) return broken('its content does not match its hash');
      const payload = JSON.parse(row.payload);
      if (payload.seq !== Number(row.seq) || payload.entityId !== row.entity_id) {
        return broken('its columns do not match its hashed content');
      }
      prevHash = row.hash;
      expectedSeq++;
      after = Number(row.seq);
    }
  }
}
