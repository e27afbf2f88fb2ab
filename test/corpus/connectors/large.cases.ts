import type { ConnectorCase } from '../support/connector-target.js';

/** Pages too large or too deep to keep as data. */
const deepArray = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deepObject = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const page = (items: string): ConnectorCase['responses'] => [{ text: `{"data":[${items}]}` }];

export const cases: readonly ConnectorCase[] = [
  { name: 'an item nested 10,000 levels', responses: page(`{"id":1,"deep":${deepArray(10_000)}}`), expect: { items: 1 } },
  { name: 'an item nested 100,000 levels', responses: page(`{"id":1,"deep":${deepObject(100_000)}}`), expect: { items: 1 } },
  { name: 'the document nested 10,000 levels', responses: [{ text: deepObject(10_000) }], expect: { error: 'not an array' } },
  { name: 'an item of 1 MiB', responses: page(`{"id":1,"blob":"${'x'.repeat(1024 * 1024)}"}`), expect: { items: 1 } },
  {
    name: 'a page of 20 MiB, 20,000 items',
    responses: page(Array.from({ length: 20_000 }, (_, i) => `{"id":${i},"t":"${'y'.repeat(1024)}"}`).join(',')),
    expect: { items: 20_000 },
  },
  {
    name: 'a 1 MiB next cursor',
    responses: [{ text: `{"data":[{"id":1}],"next":"${'c'.repeat(1024 * 1024)}"}` }, { text: '{"data":[]}' }],
    expect: { items: 1 },
  },
  {
    name: 'a string of 10 MiB that never closes',
    responses: [{ text: `{"data":[{"id":1,"t":"${'z'.repeat(10 * 1024 * 1024)}` }],
    expect: { error: 'did not return JSON' },
  },
];
