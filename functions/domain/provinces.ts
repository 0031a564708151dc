/**
 * Mainland province-level divisions by their short Chinese name, to their ISO 3166-2:CN code. Accounts record a
 * province as people write it (北京, 广东省, 广西壮族自治区); CloudWatch dimension values must be ASCII, so metrics use
 * the code.
 */
const provinceCodesByShortName: Readonly<Record<string, string>> = {
  北京: 'CN-BJ', 天津: 'CN-TJ', 河北: 'CN-HE', 山西: 'CN-SX', 内蒙古: 'CN-NM', 辽宁: 'CN-LN', 吉林: 'CN-JL',
  黑龙江: 'CN-HL', 上海: 'CN-SH', 江苏: 'CN-JS', 浙江: 'CN-ZJ', 安徽: 'CN-AH', 福建: 'CN-FJ', 江西: 'CN-JX',
  山东: 'CN-SD', 河南: 'CN-HA', 湖北: 'CN-HB', 湖南: 'CN-HN', 广东: 'CN-GD', 广西: 'CN-GX', 海南: 'CN-HI',
  重庆: 'CN-CQ', 四川: 'CN-SC', 贵州: 'CN-GZ', 云南: 'CN-YN', 西藏: 'CN-XZ', 陕西: 'CN-SN', 甘肃: 'CN-GS',
  青海: 'CN-QH', 宁夏: 'CN-NX', 新疆: 'CN-XJ',
};

const isoCode = /^CN-[A-Z]{2}$/;

/** The ISO 3166-2:CN code of a province written in Chinese (with or without 省/市/自治区) or already as a code. */
export function provinceCode(province: string | undefined): string | undefined {
  const written = province?.trim();
  if (!written) return undefined;
  if (isoCode.test(written.toUpperCase())) return written.toUpperCase();
  const shortName = Object.keys(provinceCodesByShortName).find((name) => written.startsWith(name));
  return shortName ? provinceCodesByShortName[shortName] : undefined;
}
