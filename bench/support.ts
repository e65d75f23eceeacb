import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres.js';

/** The database a benchmark runs on: DATABASE_URL, or a fresh embedded PostgreSQL it throws away. */
export async function benchDatabase(): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  const root = mkdtempSync(join(tmpdir(), 'yardstick-bench-'));
  chmodSync(root, 0o755);
  const embedded = await startEmbeddedPostgres({
    dataDir: join(root, 'pgdata'),
    persistent: false,
    log: () => undefined,
  });
  return { url: embedded.url, embedded };
}

export function machine() {
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** Prints the figures and writes them to bench/results/<name>.json, with the machine they were measured on. */
export function record(name: string, figures: Record<string, unknown>): void {
  const result = { benchmark: name, measuredAt: new Date().toISOString(), machine: machine(), ...figures };
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(result, null, 2) + '\n');
  console.warn(JSON.stringify(result, null, 2));
}

/** Samples resident memory every 50 ms; `stop()` returns the peak in MiB. */
export function watchMemory(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20);
    },
  };
}

/** Polls `GET /health` every half second until the server answers 200, or fails after `minutes`. */
export async function waitHealthy(url: string, minutes: number): Promise<void> {
  for (let i = 0; ; i++) {
    if (i > minutes * 120) throw new Error(`the server did not become healthy in ${minutes} minutes`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
