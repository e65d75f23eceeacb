import { AppError } from './app-error.js';
import { decodeCursor, encodeCursor, toConnection } from './pagination.js';

describe('keyset pagination', () => {
  it('round-trips a cursor', () => {
    expect(decodeCursor(encodeCursor(['SYN-110000-0001']), 1)).toEqual(['SYN-110000-0001']);
    expect(decodeCursor(undefined, 1)).toBeNull();
  });

  it.each(['', 'garbage', encodeCursor(['a', 'b']), Buffer.from('{"x":1}').toString('base64url')])(
    'refuses a cursor it did not make: %s',
    (cursor) => {
      expect(() => decodeCursor(cursor, 1)).toThrow(AppError);
    },
  );

  it('uses the extra row only to tell that a next page exists', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toConnection(
      rows,
      { first: 2 },
      3,
      (r) => [r.id],
      (r) => r,
    );
    expect(page.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decodeCursor(page.pageInfo.endCursor!, 1)).toEqual(['b']);
    const last = toConnection(
      rows.slice(2),
      { first: 2, after: page.pageInfo.endCursor! },
      3,
      (r) => [r.id],
      (r) => r,
    );
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });
});
