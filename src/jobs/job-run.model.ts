import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import { asEnum } from '../common/enums.js';
import { ConnectionType } from '../common/pagination.js';
import { JOB_NAMES, JOB_TRIGGERS, type JobName, type JobTrigger } from './job-runner.js';

export const JOB_OUTCOMES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'ABANDONED'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

export const JobNameEnum = asEnum(JOB_NAMES);
registerEnumType(JobNameEnum, { name: 'JobName' });
export const JobTriggerEnum = asEnum(JOB_TRIGGERS);
registerEnumType(JobTriggerEnum, { name: 'JobTrigger' });
export const JobOutcomeEnum = asEnum(JOB_OUTCOMES);
registerEnumType(JobOutcomeEnum, {
  name: 'JobOutcome',
  description:
    'ABANDONED: the replica running it stopped mid-way; its work was rolled back and is run again.',
});

@ObjectType({ description: 'One attempt of a scheduled or manual job for one period.' })
export class JobRun {
  @Field(() => ID)
  id: string;

  @Field(() => JobNameEnum)
  job: JobName;

  @Field(() => String, { description: 'The month ("2026-10") or, for daily jobs, the day.' })
  period: string;

  @Field(() => JobTriggerEnum)
  trigger: JobTrigger;

  @Field(() => Int)
  attempt: number;

  @Field(() => String, { description: 'Host, process and instance that ran it.' })
  replica: string;

  @Field(() => JobOutcomeEnum)
  outcome: JobOutcome;

  @Field(() => GraphQLISODateTime)
  startedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt: Date | null;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'A failed scheduled run is retried after this.',
  })
  retryAfter: Date | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'What the run produced (snapshot id, counts).' })
  result: Record<string, unknown> | null;
}

export const JobRunConnection = ConnectionType(JobRun);
