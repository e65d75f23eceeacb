import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * GraphiQL served from the project's own node_modules: regulators work on closed networks, and Apollo's default
 * landing page loads its code from a CDN.
 */
export function graphqlIde(): {
  assets: Router;
  page: (req: Request, res: Response, next: NextFunction) => void;
} {
  const assets = express.Router();
  const file = (route: string, path: string) =>
    assets.get(route, (_req, res) => res.sendFile(path, { maxAge: '1d', immutable: true }));
  file('/react.js', join(packageDir('react'), 'umd', 'react.production.min.js'));
  file('/react-dom.js', join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'));
  file('/graphiql.js', join(packageDir('graphiql'), 'graphiql.min.js'));
  file('/graphiql.css', join(packageDir('graphiql'), 'graphiql.min.css'));
  assets.get('/ide.js', (_req, res) => res.type('application/javascript').send(CLIENT));

  const page = (req: Request, res: Response, next: NextFunction) => {
    const wantsPage = req.method === 'GET' && req.accepts(['json', 'html']) === 'html' && !req.query.query;
    if (!wantsPage) return next();
    res
      .type('html')
      .set(
        'Content-Security-Policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
      )
      .send(PAGE);
  };
  return { assets, page };
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Yardstick GraphQL</title>
  <link rel="stylesheet" href="/ide/graphiql.css" />
  <style>html, body, #ide { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="ide">Loading the GraphQL IDE…</div>
  <script src="/ide/react.js"></script>
  <script src="/ide/react-dom.js"></script>
  <script src="/ide/graphiql.js"></script>
  <script src="/ide/ide.js"></script>
</body>
</html>`;

// Runs in the browser; kept out of the HTML so the page works under a strict Content-Security-Policy.
const CLIENT = `
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const defaultQuery = \`# Sign in first: run SignIn, then put the token in the Headers tab as
# { "Authorization": "Bearer <token>" } and run Targets.
mutation SignIn {
  login(email: "regulator@yardstick.test", password: "yardstick-demo") { token expiresAt }
}

query Targets {
  targets(first: 20) {
    totalCount
    edges { node { code titleEn threshold deadline authorityLevel confidence } }
  }
}
\`;
ReactDOM.createRoot(document.getElementById('ide')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }),
);
`;
