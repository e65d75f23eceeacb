import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

/**
 * Apollo's default cache-control plugin hooks every field of every response (it wraps all resolvers to collect
 * cache hints) only to conclude, for a schema without hints, `cache-control: no-store`. These two plugins give the
 * same header without the per-field cost (about a fifth of the CPU of a 13,000-value response).
 */
export function noStorePlugins(): ApolloServerPlugin[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            response.http.headers.set('cache-control', 'no-store');
          },
        };
      },
    },
  ];
}
