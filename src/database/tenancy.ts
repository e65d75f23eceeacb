import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';

/**
 * Whose company-owned rows a transaction may see, as PostgreSQL's row-level security reads it from the setting
 * `yardstick.tenant` (migration Tenancy): a company's id, ALL_COMPANIES, or NO_COMPANY (no rows at all).
 */
export type Tenant = string;
export const ALL_COMPANIES: Tenant = '*';
export const NO_COMPANY: Tenant = '';

/** Regulators and admins see every company; a company its own rows; anyone else none. */
export function tenantOf(user: AuthUser): Tenant {
  if (user.role === 'REGULATOR' || user.role === 'ADMIN') return ALL_COMPANIES;
  if (user.role === 'COMPANY' && user.companyId) return user.companyId;
  return NO_COMPANY;
}

/** Sets the tenant for the rest of the transaction `m` is in (SET LOCAL): it ends with the transaction. */
export async function setTenant(m: EntityManager, tenant: Tenant): Promise<void> {
  await m.query(`SELECT set_config('yardstick.tenant', $1, true)`, [tenant]);
}

/**
 * Runs `work` in a transaction whose tenant is `tenant`. Inside a transaction already (a job's, say), sets it
 * there; otherwise opens one, so that the setting can never outlive the work on a pooled connection.
 */
export async function inTenant<T>(
  db: DataSource | EntityManager,
  tenant: Tenant,
  work: (m: EntityManager) => Promise<T>,
): Promise<T> {
  const manager = 'manager' in db ? db.manager : db;
  if (manager.queryRunner?.isTransactionActive) {
    await setTenant(manager, tenant);
    return work(manager);
  }
  return manager.transaction(async (m) => {
    await setTenant(m, tenant);
    return work(m);
  });
}
