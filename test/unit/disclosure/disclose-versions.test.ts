import { describe, expect, it } from 'vitest';
import { disclosedVersions, discloseVersion } from '../../../src/disclosure/disclose-versions.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { storedVersion } from '../../support/publish-memory.js';
import { idNumber } from './fixtures.js';

const version = (recordId: string, record: Record<string, unknown>): StoredVersion => storedVersion('credit-record', recordId, record);

async function collect(pages: AsyncIterable<readonly StoredVersion[]>): Promise<StoredVersion[]> {
  const out: StoredVersion[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

describe('disclosed versions', () => {
  it('redact only the named free-text fields, in strings and lists, keep the subject name, and leave minors out', async () => {
    const subjectIdNumber = idNumber('330602', '19900101', '123');
    async function* pages() {
      yield [
        version('a', {
          subjectType: 'natural-person',
          subjectName: '张三',
          subjectIdNumber,
          decisionDate: '2025-03-01',
          content: '张三拖欠顾客王五的货款，联系电话13800138000',
          notes: ['证人李四称属实'],
          recordNumber: '13800138000',
        }),
      ];
      yield [
        version('b', {
          subjectType: 'natural-person',
          subjectName: '赵六',
          subjectIdNumber: idNumber('330602', '20090501', '123'),
          decisionDate: '2025-03-01',
        }),
      ];
    }
    const out = await collect(disclosedVersions(pages(), ['content', 'notes', 'subjectName']));
    expect(out.map((v) => v.recordId)).toEqual(['a']);
    expect(out[0]!.record).toEqual({
      subjectType: 'natural-person',
      subjectName: '张三',
      subjectIdNumber,
      decisionDate: '2025-03-01',
      content: '张三拖欠顾客王*的货款，联系电话138****8000',
      notes: ['证人李*称属实'],
      // Not a free-text field: left for the schema's own rules and grades.
      recordNumber: '13800138000',
    });
  });

  it('never disclose a record in identity conflict, even if a listing hands one over', async () => {
    const conflict = { fields: ['partyName'], sides: [] };
    async function* pages() {
      yield [version('a', { subjectName: '甲' }), { ...version('b', {}), conflict }];
    }
    expect((await collect(disclosedVersions(pages(), []))).map((v) => v.recordId)).toEqual(['a']);
  });
});

describe('one disclosed version', () => {
  it('redacts the members of an object field and keeps a licence number intact', () => {
    const stored = storedVersion('enforcement-decision', 'x', {
      partyName: '张三',
      suspendedLicense: { name: '食品经营许可证（证人李小明，电话13800138000）', number: 'JY13306020012345' },
    });
    expect(discloseVersion(stored, ['suspendedLicense'])!.record.suspendedLicense).toEqual({
      name: '食品经营许可证（证人李**，电话138****8000）',
      number: 'JY13306020012345',
    });
  });
});
