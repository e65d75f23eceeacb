import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the client asked for `path` (e.g. ['totalCount'] or ['edges', 'node', 'region']) below the field being
 * resolved, through fragments and inline fragments. Only an optimisation hint: a selection under @include/@skip
 * counts as asked, so the answer is never "no" for a field that will be resolved.
 */
export function selects(info: GraphQLResolveInfo, path: string[]): boolean {
  return info.fieldNodes.some(
    (node) => node.selectionSet && within(info, node.selectionSet, path, new Set()),
  );
}

function within(info: GraphQLResolveInfo, set: SelectionSetNode, path: string[], seen: Set<string>): boolean {
  const [head, ...rest] = path;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== head) continue;
      if (rest.length === 0) return true;
      if (selection.selectionSet && within(info, selection.selectionSet, rest, seen)) return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (within(info, selection.selectionSet, path, seen)) return true;
    } else {
      const name = selection.name.value;
      const fragment = info.fragments[name];
      if (!fragment || seen.has(name)) continue;
      seen.add(name);
      if (within(info, fragment.selectionSet, path, seen)) return true;
    }
  }
  return false;
}

/** The names of the fields asked directly below the field being resolved (fragments merged). */
export function subfieldNames(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value) && info.fragments[selection.name.value]) {
        seen.add(selection.name.value);
        collect(info.fragments[selection.name.value].selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) collect(node.selectionSet);
  return names;
}
