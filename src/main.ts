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
  // Nest's own shutdown hooks close the app; the embedded database is ours to stop after it.
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
