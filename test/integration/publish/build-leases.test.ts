import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoBuildLeases } from '../../../src/aws/dynamo-build-leases.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 2, 8, 0, seconds));

describe('release build leases in the state table', () => {
  let leases: DynamoBuildLeases;
  beforeAll(async () => {
    const { config, clients } = await useSharedAws();
    leases = new DynamoBuildLeases(clients.doc, config.resources.table('state'));
  });

  it('lets one build hold a dataset until it ends or its lease expires, and no one else end it', async () => {
    const dataset = `d-${uniqueSuffix()}`;
    expect(await leases.claim(dataset, 'first', at(0), at(330))).toBe(true);
    expect(await leases.claim(dataset, 'second', at(10), at(340))).toBe(false);
    // Another dataset is built beside it.
    expect(await leases.claim(`${dataset}-other`, 'second', at(10), at(340))).toBe(true);
    // Ending someone else's lease leaves it.
    await leases.end(dataset, 'second');
    expect(await leases.claim(dataset, 'third', at(20), at(350))).toBe(false);
    await leases.end(dataset, 'first');
    expect(await leases.claim(dataset, 'third', at(20), at(350))).toBe(true);
    // The holder died: past its lease, the next build takes it.
    expect(await leases.claim(dataset, 'fourth', at(351), at(681))).toBe(true);
    await leases.end(dataset, 'third');
    expect(await leases.claim(dataset, 'fifth', at(400), at(730))).toBe(false);
  });
});
