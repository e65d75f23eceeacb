import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  type GraphQLField,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { monthsBetween } from '../common/periods.js';
import type { AppConfig } from '../config/config.js';

/**
 * The shape limits, from graphql-armor: depth, aliases, directives (validation rules) and tokens (at parse time),
 * each refused before anything runs with its own `extensions.code`. Field suggestions ("did you mean …") are
 * blocked when introspection is off, so a closed schema cannot be guessed through error messages.
 */
export function shapeLimits(
  config: AppConfig,
): ReturnType<ApolloArmor['protect']> & { parseOptions: { maxTokens: number } } {
  const limits = config.limits;
  // graphql-armor would report BAD_USER_INPUT; each limit reports its own code instead. Apollo re-codes validation
  // errors, so the code travels as `extensions.refusedBy` and formatGraphqlError makes it the code.
  const reject =
    (limit: string): GraphQLArmorRejectCallback =>
    (context, error) => {
      const refused = new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        extensions: { refusedBy: limit },
      });
      if (!context) throw refused; // the token limit runs in the parser, before a validation context exists
      context.reportError(refused);
    };
  const limit = (n: number, code: string) => ({ n, onReject: [reject(code)], propagateOnRejection: false });
  const armor = new ApolloArmor({
    maxDepth: { ...limit(limits.maxDepth, 'QUERY_TOO_DEEP'), flattenFragments: true },
    maxAliases: limit(limits.maxAliases, 'TOO_MANY_ALIASES'),
    // Counted by graphql-js's own parser (Apollo's parseOptions.maxTokens), which stops at the limit.
    maxTokens: { enabled: false },
    maxDirectives: limit(limits.maxDirectives, 'TOO_MANY_DIRECTIVES'),
    // Replaced by the node budget below, which reads `first` through the nesting as GitHub's API does.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !config.graphql.introspection },
  });
  return { ...armor.protect(), parseOptions: { maxTokens: limits.maxTokens } };
}

/** graphql-js's message when `parse(…, { maxTokens })` stops. */
export const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/;

export const LIMIT_CODES = [
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_TOKENS',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_NODES',
  'RATE_LIMITED',
] as const;

/** What a plain list (one without `first`) counts as per item above it: its usual size, rounded up. */
export const LIST_ESTIMATE = 10;

/**
 * The nodes a query may return, in the style of GitHub's GraphQL API: a field that takes `first` returns that many
 * (its default when left out), times the product of the sizes above it; the sum over the query is its node count.
 * Plain lists count too: one over a range of months (`from`, `to`) counts months x the codes asked for (or
 * LIST_ESTIMATE when none are), any other LIST_ESTIMATE; a connection's `edges` count once. Fragments count
 * where they are spread. Linear in the multiplier, so each fragment is counted once and scaled: a fragment bomb
 * costs its size, not 2^depth.
 */
export function countNodes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;
  const fragmentNodes = new Map<string, number>();

  /** Nodes under `set` for one item of `type` above it. */
  const count = (set: SelectionSetNode, type: GraphQLCompositeType, path: Set<string>): number => {
    let nodes = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || path.has(name)) continue; // cycles are refused by validation
        if (!fragmentNodes.has(name)) {
          const on = schema.getType(fragment.typeCondition.name.value);
          const inner =
            on && isCompositeType(on) ? count(fragment.selectionSet, on, new Set(path).add(name)) : 0;
          fragmentNodes.set(name, inner);
        }
        nodes += fragmentNodes.get(name)!;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (on && isCompositeType(on)) nodes += count(selection.selectionSet, on, path);
      } else if (selection.selectionSet && (isObjectType(type) || isInterfaceType(type))) {
        const field = type.getFields()[selection.name.value];
        if (!field) continue;
        const size = fieldSize(field, sizeArguments(field, selection, variables), selection.name.value);
        const child = getNamedType(field.type);
        const below = isCompositeType(child) ? count(selection.selectionSet, child, path) : 0;
        nodes += (size.counted ? size.items : 0) + size.items * below;
      }
    }
    return nodes;
  };
  return count(operation.selectionSet, root, new Set());
}

/** The arguments that size a field, as far as they are given; the rest is execution's to check. */
const SIZE_ARGUMENTS = new Set(['first', 'from', 'to', 'indicatorCodes', 'indicatorCode']);

/**
 * Reads only the sizing arguments the field defines (its default when one is left out), straight from the query
 * and the raw variables: the whole set of variables (a 10,000-row import, say) is not coerced a second time
 * before execution coerces it. A value that does not read is left undefined; execution refuses it anyway.
 */
function sizeArguments(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const definition of field.args) {
    if (!SIZE_ARGUMENTS.has(definition.name)) continue;
    const given = node.arguments?.find((a) => a.name.value === definition.name);
    args[definition.name] = given
      ? valueFromAST(given.value, definition.type, variables)
      : definition.defaultValue;
  }
  return args;
}

function fieldSize(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  name: string,
): { items: number; counted: boolean } {
  if ('first' in args) return { items: Math.max(1, Number(args.first) || 1), counted: true };
  if (!isListType(getNullableType(field.type)) || name === 'edges' || name === 'nodes') {
    return { items: 1, counted: false };
  }
  const span =
    typeof args.from === 'string' && typeof args.to === 'string'
      ? monthsBetween(args.from.slice(0, 7), args.to.slice(0, 7)) + 1
      : 1;
  const months = Number.isFinite(span) ? Math.max(1, span) : 1;
  // An empty list asks for every indicator, as a missing one does.
  const codes =
    Array.isArray(args.indicatorCodes) && args.indicatorCodes.length
      ? args.indicatorCodes.length
      : typeof args.indicatorCode === 'string'
        ? 1
        : LIST_ESTIMATE;
  return { items: months > 1 || 'from' in args ? months * codes : LIST_ESTIMATE, counted: true };
}

export function tooManyNodes(nodes: number, limit: number): GraphQLError {
  return new GraphQLError(
    `This query could return ${nodes} nodes; the limit is ${limit}. Ask for smaller pages (first) or fewer nested lists.`,
    { extensions: { code: 'TOO_MANY_NODES', nodes, maxNodes: limit, http: { status: 400 } } },
  );
}
