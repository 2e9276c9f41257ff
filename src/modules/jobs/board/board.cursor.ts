import { cursorId, cursorTimestamp, decodeCursor, encodeCursor, invalidCursor } from '../../../http/cursor.ts';
import type { PublishedPosition } from './board.published.service.ts';

/** A text search pages by rank, a listing by recency; each cursor is tagged so one cannot continue the other. */
export const searchCursor = {
  decode(cursor: string, ranked: boolean): PublishedPosition {
    const values = decodeCursor(cursor, ranked ? 'board:rank' : 'board:recent', ranked ? 3 : 2);
    const rank = ranked ? values[0] : null;
    if (ranked && typeof rank !== 'number') throw invalidCursor();
    return { rank: typeof rank === 'number' ? rank : null, publishedAt: cursorTimestamp(values.at(-2)), id: cursorId(values) };
  },
  encode: ({ rank, publishedAt, id }: PublishedPosition): string =>
    (rank === null ? encodeCursor('board:recent', [publishedAt, id]) : encodeCursor('board:rank', [rank, publishedAt, id])),
};
