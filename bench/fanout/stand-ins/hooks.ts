// Module resolution hooks of bench/fanout.ts: a project module that is still a placeholder
// resolves to the bench's stand-in (TODO(integration): delete with the stand-ins).
import type { InitializeHook, ResolveHook } from 'node:module';

let redirects: Readonly<Record<string, string>> = {};

export const initialize: InitializeHook<{ redirects: Record<string, string> }> = (data) => {
  redirects = data.redirects;
};

export const resolve: ResolveHook = async (specifier, context, next) => {
  const resolved = await next(specifier, context);
  const to = redirects[resolved.url];
  return to && context.parentURL !== to ? { ...resolved, url: to, shortCircuit: true } : resolved;
};
