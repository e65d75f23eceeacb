import DataLoader from 'dataloader';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';

/** What every GraphQL resolver sees: the request, its signed-in user and its own DataLoaders. */
export interface RequestContext {
  req: Request & { user?: AuthUser; correlationId?: string };
  res: Response;
  loaders: Map<string, DataLoader<unknown, unknown>>;
  /** When the request arrived: the default "as known at" time of every read in it, so all fields agree. */
  receivedAt: Date;
}

export function createRequestContext({
  req,
  res,
}: {
  req: RequestContext['req'];
  res: Response;
}): RequestContext {
  return { req, res, loaders: new Map(), receivedAt: new Date() };
}

/**
 * A DataLoader that lives as long as one request: batches the loads of one tick into one query and never
 * serves one user's rows to another.
 */
export function requestLoader<K, V>(
  context: RequestContext,
  name: string,
  batch: (keys: readonly K[]) => Promise<(V | null)[]>,
  options: DataLoader.Options<K, V | null> = {},
): DataLoader<K, V | null> {
  let loader = context.loaders.get(name) as DataLoader<K, V | null> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V | null>(batch, { maxBatchSize: 1000, ...options });
    context.loaders.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** Orders batch results to match the keys, as DataLoader requires. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}
