import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, which .ci/run installs; Playwright's own browser downloads are not used. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless chromium; Playwright gives every launch a fresh temporary profile
 * (user-data dir) and removes it on close. A missing browser is a failure that says how to
 * install it, never a silent skip.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the portal's browser test drives Debian's chromium. Install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does).`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}
