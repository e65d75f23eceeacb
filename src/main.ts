import { loadConfig } from './config/config.js';
import { startApp } from './bootstrap.js';

async function main() {
  const config = loadConfig();
  const running = await startApp(config);
  const shutdown = async (signal: string) => {
    console.warn(`${signal}: shutting down`);
    await running.close();
    process.exit(0);
  };
  // Not Nest's enableShutdownHooks: it re-raises the signal once the app is closed, which would kill the process
  // before the embedded PostgreSQL is stopped. app.close() still runs every module's shutdown hooks; the HTTP
  // server stops accepting and lets requests in flight finish before the database goes away.
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  if (config.auth.jwtSecretGenerated) {
    console.warn('JWT_SECRET is not set: tokens are signed with a random key and end when this process ends');
  }
  console.warn(`Yardstick is listening on ${running.url}/graphql`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
