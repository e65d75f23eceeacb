/**
 * The token of an `Authorization: Bearer <token>` header (the scheme in any case), or undefined when the header is
 * missing or has another form. One reading for the guard and the cost budget, so both charge the same caller.
 */
export function bearerToken(header: string | undefined): string | undefined {
  const [scheme, token, ...rest] = (header ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token && rest.length === 0 ? token : undefined;
}
