import type { RecordsCase } from '../support/records-target.js';

/**
 * Records past DynamoDB's 400 KB item limit and past 1 MiB: stored through the SSOT's overflow
 * (content in the bucket, a pointer in the item) when the record type allows text that long, or
 * quarantined naming the field that is too long; never a failed write that loses the batch.
 */
const KB = 1024;
/** Text that compresses badly, so the compressed body is as large as the record. */
const noise = (bytes: number): string => {
  let text = '';
  let state = 12_345;
  while (text.length < bytes) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    text += state.toString(36);
  }
  return text.slice(0, bytes);
};

export const cases: readonly RecordsCase[] = [
  { name: 'facts just under the inline limit stay inline', items: [{}, { set: { cf_sy: noise(250 * KB) } }], expect: { stored: 2, overflowed: 0 } },
  { name: 'facts over 400 KB go to the overflow', items: [{}, { set: { cf_sy: noise(420 * KB) } }], expect: { stored: 2, overflowed: 1 } },
  { name: 'facts over 1 MiB go to the overflow', items: [{}, { set: { cf_sy: noise(1100 * KB) } }], expect: { stored: 2, overflowed: 1 } },
  { name: 'remarks over 400 KB go to the overflow', items: [{}, { set: { bz: noise(420 * KB) } }], expect: { stored: 2, overflowed: 1 } },
  {
    name: 'over 1 MiB of repetitive text compresses, yet overflows',
    items: [{}, { set: { cf_sy: '违法事实'.repeat(100_000) } }],
    expect: { stored: 2, overflowed: 1 },
  },
  {
    name: 'an over-1-MiB row that is also invalid is quarantined by its locator',
    items: [{}, { set: { cf_sy: noise(1100 * KB), cf_fk: 'NaN' } }],
    expect: { stored: 1, quarantined: 1, reasons: ['cf_fk'] },
  },
  { name: 'an unmapped column over 1 MiB is not stored', items: [{}, { set: { extra_blob: noise(1100 * KB) } }], expect: { stored: 2, overflowed: 0 } },
  {
    name: '10,000-level nesting in an unmapped column',
    items: [{}, { appendText: `"deep":${'['.repeat(10_000)}${']'.repeat(10_000)}` }],
    expect: { stored: 2 },
  },
  {
    name: '10,000-level nesting in the case name',
    items: [{}, { appendText: `"cf_ajmc":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}` }],
    expect: { quarantined: 1, reasons: ['cf_ajmc'] },
  },
  {
    name: 'a batch of 40 rows with one over 1 MiB',
    items: [...Array.from({ length: 39 }, () => ({})), { set: { cf_sy: noise(1100 * KB) } }],
    expect: { stored: 40, quarantined: 0, overflowed: 1 },
  },
];
