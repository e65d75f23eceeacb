import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../common/request-context.js';
import type { AuthUser } from './auth-user.js';
import { ANY_ROLE, CurrentUser, Public, Roles } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginArgs } from './login.args.js';
import { LoginPayload, toUser, User } from './user.model.js';

@Resolver(() => User)
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => LoginPayload, { description: 'Exchange an email and password for a bearer token.' })
  async login(
    @Args() { email, password }: LoginArgs,
    @Context() context: RequestContext,
  ): Promise<LoginPayload> {
    const issued = await this.auth.login(email, password, context.req.ip);
    return { token: issued.token, expiresAt: issued.expiresAt, user: toUser(issued.user) };
  }

  @Roles(...ANY_ROLE)
  @Query(() => User, { description: 'The signed-in user.' })
  async me(@CurrentUser() user: AuthUser): Promise<User> {
    return toUser(await this.auth.findUser(user.id));
  }
}
