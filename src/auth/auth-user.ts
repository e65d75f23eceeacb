import type { Role } from './user.entity.js';

/** The signed-in user as carried by a verified token. */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  hospitalId: string | null;
  companyId: string | null;
}
