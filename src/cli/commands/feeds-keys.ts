import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  DEFAULT_FEED_KEYS_SECRET,
  FEED_KEYS_SECRET_VAR,
  SecretsManagerSigningKeys,
  secretsManagerReader,
  secretsManagerWriter,
} from '../../aws/secrets-manager-signing-keys.js';
import { ConfigError } from '../../config/catalog.js';
import type { Rotation } from '../../feeds/key-rotation.js';
import { FEED_KEYS_FILE, FileSigningKeys } from '../../local/file-signing-keys.js';
import type { CliCommand } from '../command.js';
import { tongyuanHome } from '../stack-connection.js';
import { connectToStack } from '../stack-endpoints.js';

export const feedsRotateKeyCommand: CliCommand = {
  path: ['feeds', 'rotate-key'],
  usage: 'feeds rotate-key',
  summary: 'a new feed signing key signs from now on; the previous three stay in the JWKS so older signatures still verify',
  async run(args, io) {
    parseArgs({ args: [...args], options: {} });
    const home = tongyuanHome(io.env);
    const connection = connectToStack(home, io.env);
    let rotation: Rotation;
    if (connection.kind === 'environment') {
      // A deployed stack: the key set is its Secrets Manager secret, read afresh (not through the signer's cache).
      const { aws, env } = connection.app.config;
      const client = new SecretsManagerClient({ ...(aws.region ? { region: aws.region } : {}), ...(aws.credentials ? { credentials: aws.credentials } : {}) });
      const secretId = env[FEED_KEYS_SECRET_VAR] ?? DEFAULT_FEED_KEYS_SECRET;
      try {
        rotation = await new SecretsManagerSigningKeys(secretsManagerReader(client), secretId, secretsManagerWriter(client)).rotate();
      } finally {
        client.destroy();
      }
      io.say(`secret "${secretId}" holds the new key; functions sign with it once their cached copy expires (at most 5 minutes)`);
    } else {
      // The local stack keeps its keys in its state directory, running or not.
      if (connection.kind === 'none' && !existsSync(home))
        throw new ConfigError(`no tongyuan state directory at ${home} and no TONGYUAN_* resource variables for a deployed stack: nothing to rotate`);
      rotation = await new FileSigningKeys(join(home, FEED_KEYS_FILE)).rotate();
      if (connection.kind === 'running-stack') io.say('restart `tongyuan up` so the running stack signs with the new key');
    }
    if (rotation.retired.length > 0) io.say(`retired (no longer verifiable): ${rotation.retired.join(', ')}`);
    io.out(rotation.kid);
    return 0;
  },
};
