import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ROLES, type Role, type UserEntity } from './user.entity.js';

export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in Role]: K };
registerEnumType(RoleEnum, { name: 'Role', description: 'What a signed-in user may do.' });

@ObjectType()
export class User {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  email: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => String)
  displayName: string;

  /** Resolved by the registry and subsidies contexts. */
  hospitalId: string | null;
  companyId: string | null;
}

export function toUser(entity: UserEntity): User {
  return {
    id: entity.id,
    email: entity.email,
    role: entity.role,
    displayName: entity.displayName,
    hospitalId: entity.hospitalId,
    companyId: entity.companyId,
  };
}

@ObjectType()
export class LoginPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' })
  token: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => User)
  user: User;
}
