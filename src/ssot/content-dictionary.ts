/**
 * The preset dictionary of stored SSOT content, format 1 (item-codec.ts). A record of a
 * few hundred Chinese characters compresses poorly on its own: deflate has nothing to
 * refer back to. Primed with the field names (in canonical key order), the code lists and
 * the administrative wording the departments' records share, it halves again.
 *
 * FROZEN: every stored item of format 1 decodes only with exactly these bytes (a test pins
 * their hash). A better dictionary is a new format with a new constant beside this one.
 * Deflate reaches back 32 KB and codes near matches shortest: the commonest come last.
 */
const PHRASES: readonly string[] = [
  // Other record types' field names.
  '"activeSince":"","assetType":"","catalogDate":"","catalogNumber":"","category":"","changes":[],"channels":[],"consultationEndDate":"',
  '","consultationStartDate":"","contactMobile":"","contactPerson":"","contactTelephone":"","content":"","crossProvince":false,',
  '"dealDate":"","dealPriceYuan":,"decidingBody":"","decidingBodyCode":"","department":"","departmentCode":"","depositAccount":"',
  '","depositBank":"","depositYuan":,"disclosure":"","documentNumber":"","documents":[],"effectiveDate":"","entries":[],"exchange":"',
  '","expiryDate":"","fees":[],"filing":"","fullText":"","fullTextUrl":"https://","immediateEffectReason":"","indexNumber":"',
  '","interpretations":[],"issueNumber":,"issuingAuthorities":[],"itemCode":"","itemType":"","legalTimeLimitDays":,"listKind":"',
  '","listType":"","listingEndDate":"","listingPriceYuan":,"listingStartDate":"","materials":[],"maxVisits":,"name":"',
  '","onlineUrl":"https://","pdfUrl":"https://","plannedCompletion":"","projectName":"","projectNumber":"","projectType":"',
  '","promisedTimeLimitDays":,"publicationDate":"","publicityStartDate":"","published":"","publishedDate":"","publisher":"',
  '","recordNumber":"","repairStatus":"","repairedDate":"","severity":"","signedDate":"","stage":"","steps":[],"subjectCategories":[],',
  '"subjectCode":"","subjectIdNumber":"","subjectName":"","subjectType":"","title":"","totalIssueNumber":,"transactionMethod":"',
  '","transfereeName":"","transfereeType":"","transferor":"","validity":"","year":',
  // Code lists.
  'legal-person natural-person individual-business unincorporated-organization resident-id-card passport hk-macao-permit taiwan-permit ',
  'in-force revoked objection other valid expired repealed amended penalty license public restricted ',
  // Administrative wording.
  '中华人民共和国行政处罚法中华人民共和国行政许可法中华人民共和国产品质量法中华人民共和国广告法中华人民共和国反不正当竞争法',
  '中华人民共和国价格法中华人民共和国消费者权益保护法中华人民共和国药品管理法中华人民共和国安全生产法中华人民共和国消防法',
  '中华人民共和国道路交通安全法中华人民共和国道路运输条例中华人民共和国城乡规划法中华人民共和国建筑法中华人民共和国环境保护法',
  '中华人民共和国水污染防治法中华人民共和国固体废物污染环境防治法中华人民共和国大气污染防治法中华人民共和国商标法',
  '浙江省城市市容和环境卫生管理条例浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定无证无照经营查处办法',
  '有限责任公司股份有限公司分公司经营部商行个体工商户合作社服务中心门市部便利店超市餐饮店饭店小吃店药店诊所五金建材',
  '贸易科技纺织印染服饰机械电子建设工程物业管理食品经营许可证营业执照生产许可证道路运输经营许可证许可证件',
  '社会组织登记证书民办非企业单位事业单位法人证书统一社会信用代码身份证护照号港澳居民来往内地通行证台湾居民来往大陆通行证',
  '该处罚决定已被本机关依法撤销当事人对公示信息提出异议，正在核查该处罚决定经行政复议部分变更',
  '通报批评暂扣许可证件吊销许可证件责令停产停业责令关闭限制开展生产经营活动限制从业行政拘留没收非法财物没收违法所得',
  '经查，当事人未取得许可擅自在经营场所从事生产经营活动销售超过保质期的预包装食品货值金额不足一万元，',
  '未按规定建立并遵守进货查验记录制度未如实记录未索取检验检疫证明合格证明未采取防治措施超标排放',
  '违反了依据的规定，责令改正，给予警告；拒不改正的，处以上以下罚款。',
  '第一百二十四条第一百二十六条第一百二十二条第一百一十八条第一款第二款第三款第（一）项第（二）项第（三）项第（四）项第（五）项',
  '《中华人民共和国食品安全法》第',
  // Shaoxing's authorities and places.
  '绍兴市人民政府绍兴市发展和改革委员会绍兴市生态环境局绍兴市交通运输局绍兴市住房和城乡建设局绍兴市卫生健康委员会',
  '综合行政执法局交通运输局卫生健康局应急管理局消防救援支队税务局人力资源和社会保障局自然资源和规划局农业农村局',
  '浙江省绍兴市越城区柯桥区上虞区诸暨市嵊州市新昌县街道镇乡村社区路号',
  '绍兴市越城区市场监督管理局绍兴市柯桥区市场监督管理局绍兴市上虞区市场监督管理局诸暨市市场监督管理局嵊州市市场监督管理局新昌县市场监督管理局',
  '1.罚款',
  '元。2.没收违法所得',
  '元。',
  '3.警告。1.警告。',
  // Provenance and source entries (the bookkeeping maps), in canonical key order.
  '{"#":{"extractedAt":"2026-01-01T00:00:00.000Z","hash":"","provenance":',
  '{"extractedAt":"2026-01-01T00:00:00.000Z","index":,"rawKey":"raw/2026-01-01/.json.gz","sourceId":"","sourceKey":""}',
  '.json.gz","sourceId":"',
  // The enforcement decision, in canonical key order.
  '{"authority":"","authorityCode":"11330","caseName":"","confiscatedYuan":,"creditCode":"91330","dataSource":"","dataSourceCode":"11330',
  '","decisionDate":"20","decisionKind":"penalty","decisionNumber":"〔20〕号","district":"","facts":"经查，当事人","fineYuan":',
  ',"institutionCertificate":"13306","legalBasis":"《中华人民共和国法》第条第一款","legalRepresentative":"',
  '","legalRepresentativeIdNumber":"330","legalRepresentativeIdType":"resident-id-card","licenseCategory":"","licenseContent":"',
  '","licenseDocumentName":"","licenseName":"","licenseNumber":"","licenseStatus":"","organizationCode":"","partyIdNumber":"330',
  '","partyIdType":"resident-id-card","partyName":"","partyType":"legal-person","penaltyContent":"1.罚款","penaltyTypes":["罚款"],',
  '"penaltyValidUntil":"20","publicityEndDate":"20","registrationNumber":"330","remarks":"","socialOrganizationCertificate":"民证字第号',
  '","sourceUpdatedAt":"20T00:00:00+08:00","status":"in-force","suspendedLicense":"","validFrom":"","validUntil":"","violationType":"',
];

export const CONTENT_DICTIONARY_1: Buffer = Buffer.from(PHRASES.join(''), 'utf8');
