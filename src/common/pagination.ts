import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppError } from './app-error.js';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => Boolean)
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds `XConnection` and `XEdge` object types for a node type, once per node type. */
export function ConnectionType<T>(node: Type<T>): Type<Connection<T>> {
  @ObjectType(`${node.name}Edge`)
  class Edge {
    @Field(() => String)
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${node.name}Connection`, { isAbstract: false })
  class ConnectionClass {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Rows matching the filter, on all pages.' })
    totalCount: number;
  }
  return ConnectionClass as Type<Connection<T>>;
}

/** Keyset cursors: the sort key of the last row, opaque to clients, so pages never skip or repeat rows. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(after: string | undefined, arity: number): (string | number)[] | null {
  if (after === undefined || after === null) return null;
  try {
    const key = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => (typeof k === 'string' && !k.includes('\0')) || Number.isSafeInteger(k))
    ) {
      return key;
    }
  } catch {
    // fall through to the coded error below
  }
  throw AppError.badInput('after', 'is not a cursor returned by this list');
}

/** `rows` holds up to first + 1 rows; the extra one only tells whether there is a next page. */
export function toConnection<Row, Node>(
  rows: Row[],
  args: ConnectionArgs,
  totalCount: number,
  keyOf: (row: Row) => (string | number)[],
  toNode: (row: Row) => Node,
): Connection<Node> {
  const page = rows.slice(0, args.first);
  const edges = page.map((row) => ({ cursor: encodeCursor(keyOf(row)), node: toNode(row) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > args.first,
      hasPreviousPage: args.after !== undefined && args.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * Newest-first keyset on (a timestamptz column, a uuid id). `timeKey` selects the timestamp as cursor text exact to
 * the microsecond (a JavaScript Date would drop them); `afterTimeKey` turns a cursor into the condition for the
 * next page, binding its values through `param`, or refuses a cursor this kind of list did not make.
 */
export function timeKey(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function afterTimeKey(
  after: string | undefined,
  columns: [time: string, id: string],
  param: (value: unknown) => string,
): string | null {
  const cursor = decodeCursor(after, 2);
  if (!cursor) return null;
  const [at, id] = cursor;
  if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) {
    throw AppError.badInput('after', 'is not a cursor returned by this list');
  }
  return `(${columns[0]}, ${columns[1]}) < (${param(at)}::timestamptz, ${param(id)}::uuid)`;
}
