import { describe, expect, it } from 'vitest';
import { redactText } from '../../../src/disclosure/redact-text.js';
import { creditCode, idNumber, luhnValidDigitCreditCode } from './fixtures.js';

const witnessId = idNumber('330602', '19850412', '123');

describe('redacting a published free-text value', () => {
  it('masks an identity number inside 违法事实 to its first and last four characters', () => {
    const facts = `经查，当事人雇佣的员工（身份证号：${witnessId}）无健康证明从事接触直接入口食品的工作。`;
    const out = redactText(facts);
    expect(out).not.toContain(witnessId);
    expect(out).toContain(`身份证号：3306**********${witnessId.slice(-4)}）`);
  });

  it('masks a 15-digit legacy identity number and an 18-digit one ending in X', () => {
    const withX = '33060219900307002X';
    const out = redactText(`旧证330602900307002，新证${withX}。`);
    expect(out).toBe(`旧证3306*******7002，新证3306**********002X。`);
  });

  it('masks a mobile and a landline in 案件名称, with or without +86, spaces and hyphens', () => {
    expect(redactText('关于举报电话13800138000反映的噪声扰民案（座机0575-88123456）')).toBe('关于举报电话138****8000反映的噪声扰民案（座机0575-****3456）');
    expect(redactText('手机+86 138-0013-8000，又号 139 1234 5678，固话(0575)8812345')).toBe('手机+86 138****8000，又号 139****5678，固话0575-****2345');
    expect(redactText('联系电话057588123456')).toBe('联系电话0575-****3456');
  });

  it('masks a Luhn-valid bank card but keeps credit codes, 文号 and other long numbers', () => {
    const digitCode = luhnValidDigitCreditCode();
    const letterCode = creditCode('91330602MA2D3K8L7');
    const text = `违法所得转入银行卡6222021234567890128及6222 0212 3456 7890 128；当事人统一社会信用代码${digitCode}，另一方${letterCode}，文号绍越市监罚〔2025〕123号，订单号1234567890123456。`;
    const out = redactText(text);
    expect(out).toContain('银行卡6222***********0128及6222***********0128');
    expect(out).toContain(digitCode);
    expect(out).toContain(letterCode);
    expect(out).toContain('绍越市监罚〔2025〕123号');
    // Not Luhn-valid: an order number is not a card.
    expect(out).toContain('订单号1234567890123456');
  });

  it("cuts a natural person's home address to the district or county and keeps a company's 住所", () => {
    const text = '张三，男，住绍兴市越城区解放路100号3幢201室，户籍地浙江省绍兴市柯桥区柯桥街道某村5组；绍兴某某食品有限公司，住所：绍兴市越城区中兴路1号。';
    expect(redactText(text, ['张三'])).toBe('张三，男，住绍兴市越城区，户籍地浙江省绍兴市柯桥区；绍兴某某食品有限公司，住所：绍兴市越城区中兴路1号。');
    expect(redactText('家住诸暨市暨阳街道浣纱路8号')).toBe('家住诸暨市');
  });

  it("masks a witness's and a consumer's name, keeping surnames, while the party's name stays", () => {
    const text = '当事人张三销售过期食品，消费者李小明购买后投诉，证人欧阳娜娜、王五证实，经营者之妻刘芳称不知情。';
    expect(redactText(text, ['张三'])).toBe('当事人张三销售过期食品，消费者李**购买后投诉，证人欧阳**、王*证实，经营者之妻刘*称不知情。');
  });

  it('masks a name before an identity number, unless it is the party', () => {
    const partyId = idNumber('330621', '19800101', '456');
    const text = `当事人张三（身份证号：${partyId}）雇佣马丽（身份证号${witnessId}）。`;
    const out = redactText(text, ['张三']);
    expect(out).toContain('当事人张三（身份证号：3306');
    expect(out).toContain('雇佣马*（身份证号3306');
  });

  it('never masks the names of legal persons nor ordinary words after a cue', () => {
    const text = '消费者在绍兴市柯桥区王记食品店购买，顾客向本局投诉，员工应当持证上岗，投诉人称绍兴张氏机械制造有限公司拖欠货款。';
    expect(redactText(text)).toBe(text);
  });

  it('leaves ordinary penalty text alone: dates, amounts, articles, licence and report numbers', () => {
    const text =
      '2025年3月1日，当事人绍兴市越城区某某副食品店经营超过保质期的预包装食品，货值金额12345.67元，违反《中华人民共和国食品安全法》第三十四条第（十）项，' +
      '依据第一百二十四条第一款第（五）项，罚款人民币50000元；食品经营许可证JY13306020012345，检验报告编号SX2025-000123，案发时间2025-02-18 09:30。';
    expect(redactText(text)).toBe(text);
  });

  it('is idempotent: redacting twice changes nothing', () => {
    const text = `消费者李小明（身份证号${witnessId}，电话13800138000）住绍兴市越城区解放路100号，卡号6222021234567890128，座机0575-88123456。`;
    const once = redactText(text);
    expect(once).not.toBe(text);
    expect(redactText(once)).toBe(once);
  });
});
