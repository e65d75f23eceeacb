/** A GraphQL enum object from a list of string values (`registerEnumType` needs an object, the code a union). */
export function asEnum<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}
