import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An AI company that files compute-subsidy applications.' })
export class Company {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Unified social credit code (GB 32100-2015).' })
  uscc: string;

  @Field(() => String)
  nameZh: string;

  @Field(() => String)
  nameEn: string;

  @Field(() => String, { description: 'GB/T 2260 code of the registered region.' })
  regionCode: string;

  @Field(() => Boolean)
  synthetic: boolean;
}
