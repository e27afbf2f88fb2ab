import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDatasets } from '../../../src/config/catalog.js';
import { repoRoot } from '../../support/cli.js';

// The grades as the record schemas state them (x-grade), read from the files themselves.
type Property = Readonly<Record<string, unknown>> & {
  readonly 'x-grade'?: string;
  readonly enum?: readonly string[];
  readonly 'x-labels'?: Record<string, string>;
};
const schemaOf = (type: string) =>
  JSON.parse(readFileSync(join(repoRoot, 'schemas', `${type}.schema.json`), 'utf8')) as { properties: Readonly<Record<string, Property>> };
const { valid, problems } = await loadDatasets(join(repoRoot, 'datasets'));
const dataset = (id: string) => {
  const found = valid.find((d) => d.id === id);
  if (!found) throw new Error(`datasets/${id}.yaml did not load: ${JSON.stringify(problems)}`);
  return found;
};
const gradesOf = (id: string) => {
  const { fields, recordType } = dataset(id);
  const { properties } = schemaOf(recordType);
  return Object.fromEntries(fields.map((field) => [field, properties[field]?.['x-grade'] ?? 'missing']));
};

describe('property-rights and service-item datasets: categories follow the schema grades', () => {
  it('loads every dataset definition', () => {
    expect(problems).toEqual([]);
  });

  it.each(['property-rights-transactions', 'service-items'])('%s publishes only L1 fields (无条件开放)', (id) => {
    const grades = gradesOf(id);
    expect(Object.entries(grades).filter(([, grade]) => grade !== 'L1')).toEqual([]);
    expect(dataset(id).grades).toBeUndefined();
  });

  it('the open property-rights dataset leaves out the transferee name, contacts and deposit account', () => {
    expect(dataset('property-rights-transactions').fields).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(transfereeName|contactPerson|contactMobile|depositAccount)$/)]),
    );
  });

  it('the restricted one adds the L2 transferee name and contacts to every open field, and no L3 or L4 field', () => {
    const grades = gradesOf('property-rights-transactions-restricted');
    expect(Object.values(grades)).not.toContain('missing');
    const above = Object.fromEntries(Object.entries(grades).filter(([, grade]) => grade !== 'L1'));
    expect(above).toEqual({ contactPerson: 'L2', contactMobile: 'L2', transfereeName: 'L2' });
    expect(dataset('property-rights-transactions-restricted').fields).toEqual(expect.arrayContaining(dataset('property-rights-transactions').fields));
  });

  it("masks the transferee's name only for a natural person: x-pii-party names a sibling party-type enum", () => {
    const { properties } = schemaOf('property-rights-transaction');
    expect(properties.transfereeName).toMatchObject({ 'x-pii': 'personName', 'x-pii-party': 'transfereeType' });
    expect(properties.transfereeType!.enum).toContain('natural-person');
    expect(properties.contactPerson).toMatchObject({ 'x-grade': 'L2', 'x-pii': 'personName' });
    expect(properties.contactPerson).not.toHaveProperty('x-pii-party');
    expect(properties.contactMobile).toMatchObject({ 'x-grade': 'L2', 'x-pii': 'mobile' });
    expect(properties.depositAccount).toMatchObject({ 'x-grade': 'L3', 'x-pii': 'bankAccount' });
  });
});

/** Every enum under a property, with where it is: top level, array items, nested objects. */
function enums(path: string, node: Property): [string, Property][] {
  const found: [string, Property][] = node.enum ? [[path, node]] : [];
  const items = node.items as Property | undefined;
  const nested = (node.properties ?? {}) as Readonly<Record<string, Property>>;
  return [...found, ...(items ? enums(`${path}[]`, items) : []), ...Object.entries(nested).flatMap(([key, child]) => enums(`${path}.${key}`, child))];
}

describe('x-labels: every enum value has its Chinese label', () => {
  it.each(['property-rights-transaction', 'service-item', 'credit-record'])('%s', (type) => {
    const all = Object.entries(schemaOf(type).properties).flatMap(([field, property]) => enums(field, property));
    expect(all.length).toBeGreaterThan(0);
    for (const [path, property] of all) {
      expect(Object.keys(property['x-labels'] ?? {}), path).toEqual(property.enum);
      for (const label of Object.values(property['x-labels']!)) expect(label, path).toMatch(/\p{Script=Han}/u);
    }
  });

  it('every top-level field of the three carries a grade', () => {
    for (const type of ['property-rights-transaction', 'service-item', 'credit-record']) {
      for (const [field, property] of Object.entries(schemaOf(type).properties)) expect(property['x-grade'], `${type}.${field}`).toMatch(/^L[1-4]$/);
    }
  });
});
