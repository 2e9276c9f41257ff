import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * The extensions the migrations create (btree_gin for the board search index, pg_trgm and fuzzystrmatch
 * for search as people type): PGlite ships them as contrib modules, loaded into every instance that
 * opens the data directory. Their setup code cannot cross a thread, so the PGlite worker imports this too.
 */
export const pgliteExtensions = { btree_gin, fuzzystrmatch, pg_trgm };
