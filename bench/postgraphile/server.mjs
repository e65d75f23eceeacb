// PostGraphile 5 (amber preset) over the benchmark database, for the side-by-side benchmark only.
// Runs under Node 22 from this folder's own node_modules (the `node` package): bench/national.ts starts it.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ['public'],
      poolConfig: { max: 10 },
    }),
  ],
  grafserv: { graphqlPath: '/graphql', watch: false, graphiql: false },
  grafast: { explain: false },
  // Lets Q3 and Q4 order by rank and created_at (unindexed columns), as Yardstick does.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 60_000;
serv.addTo(server).then(() => {
  server.listen(Number(process.env.PORT ?? 3200), '127.0.0.1', () => console.warn('postgraphile listening'));
});
const stop = () => server.close(() => pgl.release().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
