/**
 * The embedded emulators in a process of their own, so a benchmark's CPU figures are
 * its own work and not fauxqs answering it. Prints the endpoints as one JSON line, runs
 * until stdin closes.
 */
import { startEmbeddedAws } from '../../src/local/embedded-aws.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: emulator-process.ts <state dir>');
const aws = await startEmbeddedAws(dir);
process.stdout.write(`${JSON.stringify({ dynamodb: aws.dynamoEndpoint, messaging: aws.messagingEndpoint })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void aws.stop().then(() => process.exit(0)));
