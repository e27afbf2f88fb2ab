import type { Hono } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';

/** The methods a path is served with, HEAD included wherever GET is (hono answers HEAD with the GET route). */
export type RouteMethods = (path: string) => readonly string[];

/**
 * Which methods the app's routes serve `path` with: what a 405's `Allow` and an OPTIONS
 * preflight answer. Read from the app's own route table when first asked (every route is
 * registered by then), so it never drifts from what the app serves. Middleware (method ALL)
 * is not a route.
 */
export function routeMethodsOf(app: Pick<Hono, 'routes'>): RouteMethods {
  let routers: ReadonlyMap<string, TrieRouter<true>> | undefined;
  const build = () => {
    const byMethod = new Map<string, TrieRouter<true>>();
    for (const route of app.routes) {
      if (route.method === 'ALL') continue;
      const router = byMethod.get(route.method) ?? new TrieRouter<true>();
      router.add(route.method, route.path, true);
      byMethod.set(route.method, router);
    }
    return byMethod;
  };
  return (path) => {
    routers ??= build();
    const methods = [...routers].filter(([method, router]) => router.match(method, path)[0].length > 0).map(([method]) => method);
    if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
    return methods.length > 0 ? [...methods, 'OPTIONS'] : [];
  };
}
