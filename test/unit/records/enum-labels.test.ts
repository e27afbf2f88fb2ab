import { describe, expect, it } from 'vitest';
import { recordTypeNamed } from '../../../src/records/registry.js';

type Node = Readonly<Record<string, unknown>>;

/** Every enum in a schema, with the x-labels that name its values: its own, or its array's for a list of codes. */
function enumsOf(node: Node, path: string, inherited?: unknown): { path: string; values: readonly unknown[]; labels: unknown }[] {
  const found: { path: string; values: readonly unknown[]; labels: unknown }[] = [];
  if (Array.isArray(node.enum)) found.push({ path, values: node.enum as unknown[], labels: node['x-labels'] ?? inherited });
  for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) found.push(...enumsOf(child, `${path}/${name}`));
  if (typeof node.items === 'object' && node.items !== null) found.push(...enumsOf(node.items as Node, `${path}[]`, node['x-labels']));
  return found;
}

describe('x-labels: every enum value of the open-government record types has its Chinese label', () => {
  it.each(['normative-document', 'gazette-issue', 'major-decision'])('%s', (type) => {
    const enums = enumsOf(recordTypeNamed(type).schema, '');
    for (const { path, values, labels } of enums) {
      expect(Object.keys(labels ?? {}).sort(), `${type}${path}`).toEqual([...values].map(String).sort());
      for (const label of Object.values(labels as Record<string, string>)) expect(label, `${type}${path}`).toMatch(/^\p{Script=Han}/u);
    }
    if (type === 'major-decision') expect(enums.map((e) => e.path)).toEqual(['/stage', '/documents[]/kind', '/steps[]/kind', '/steps[]/status']);
    if (type === 'normative-document') expect(enums.map((e) => e.path)).toEqual(['/validity', '/disclosure', '/interpretations[]/form', '/changes[]/kind']);
  });
});
