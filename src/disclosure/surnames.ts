/**
 * Surnames a name may start with: the compound surnames still in use and the common single
 * ones (together well over 95% of the population). A rarer surname is missed by the name
 * rule, never a word mistaken for a name because its first character is a surname: the
 * surnames that are also function words after a cue (于, 向, 和, 应, 时 …) are left out.
 */
export const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
  '澹台',
  '公冶',
  '太史',
  '申屠',
  '钟离',
  '闻人',
  '万俟',
  '赫连',
  '濮阳',
] as const;

export const SINGLE_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简项芦麦褚娄窦戚岑景党宫费卜晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝' as const;
