/**
 * What endpoints.json holds while a stack runs: `{ pid, env }`, every AWS endpoint and
 * TONGYUAN_* resource variable a client in another process needs.
 *
 * fauxqs keeps a queue's URL as it was first created, port included, and CreateQueue on a
 * restarted state directory answers with that stored URL. The queue URLs are therefore put
 * on the messaging emulator that is running now, or a client that sends to the queue URL
 * (the SDK's default) would call the first run's port.
 */
export function endpointsFileText(pid: number, env: Readonly<Record<string, string>>): string {
  return `${JSON.stringify({ pid, env }, null, 2)}\n`;
}

/** `env` with every value that is one of `queueUrls` moved onto `messagingEndpoint` (same path, the running emulator's origin). */
export function onRunningEmulator(env: Readonly<Record<string, string>>, queueUrls: Iterable<string>, messagingEndpoint: string): Record<string, string> {
  const origin = new URL(messagingEndpoint).origin;
  const moved = new Map<string, string>();
  for (const url of queueUrls) {
    const parsed = new URL(url);
    moved.set(url, `${origin}${parsed.pathname}`);
  }
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, moved.get(value) ?? value]));
}
