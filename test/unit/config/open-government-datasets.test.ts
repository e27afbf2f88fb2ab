import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDatasets } from '../../../src/config/catalog.js';
import { recordTypeNamed } from '../../../src/records/registry.js';

const { valid, problems } = await loadDatasets(fileURLToPath(new URL('../../../datasets', import.meta.url)));
const byId = new Map(valid.map((d) => [d.id, d]));

describe('the open-government datasets: documents, gazette issues, major decisions', () => {
  it('load under the dataset schema, one per record type, open to everyone', () => {
    expect(problems).toEqual([]);
    expect(['normative-documents', 'gazette-issues', 'major-decisions'].map((id) => byId.get(id)?.recordType)).toEqual([
      'normative-document',
      'gazette-issue',
      'major-decision',
    ]);
  });

  it.each(['normative-documents', 'gazette-issues', 'major-decisions'])('%s publishes fields of its record type, all L1, with Chinese labels', (id) => {
    const dataset = byId.get(id)!;
    const type = recordTypeNamed(dataset.recordType);
    const grades = type.grades();
    for (const field of dataset.fields) {
      expect(grades[field], `${id}: ${field}`).toBe('L1');
      expect(type.labels[field], `${id}: ${field}`).toMatch(/\p{Script=Han}/u);
    }
    expect(dataset.grades).toBeUndefined();
    expect(dataset.disclosure).toBeUndefined();
    expect(dataset).toMatchObject({ theme: 'GOVE', subjectCategory: '综合政务', masking: { profile: 'standard' } });
  });

  it('leave out only what a catalogue should not carry: a document’s full text stays at its link', () => {
    for (const id of ['normative-documents', 'gazette-issues', 'major-decisions']) {
      const dataset = byId.get(id)!;
      const left = Object.keys(recordTypeNamed(dataset.recordType).grades()).filter((f) => !dataset.fields.includes(f));
      expect(left, id).toEqual(id === 'normative-documents' ? ['fullText'] : []);
    }
  });
});
