/**
 * The nation and the 31 province-level divisions of the mainland, with GB/T 2260 codes.
 * Populations: year-end 2023 resident population in thousands, rounded, from the National Bureau of Statistics'
 * provincial communiqués; used only to spread the synthetic hospital registry in proportion.
 */
export interface RegionSeed {
  code: string;
  nameZh: string;
  nameEn: string;
  populationThousands: number | null;
}

export const NATION_CODE = '100000';
export const POPULATION_SOURCE = 'National Bureau of Statistics, provincial statistical communiqués for 2023';

export const NATION: RegionSeed = {
  code: NATION_CODE,
  nameZh: '中华人民共和国',
  nameEn: "People's Republic of China",
  populationThousands: null,
};

export const PROVINCES: RegionSeed[] = [
  { code: '110000', nameZh: '北京市', nameEn: 'Beijing', populationThousands: 21_858 },
  { code: '120000', nameZh: '天津市', nameEn: 'Tianjin', populationThousands: 13_640 },
  { code: '130000', nameZh: '河北省', nameEn: 'Hebei', populationThousands: 73_930 },
  { code: '140000', nameZh: '山西省', nameEn: 'Shanxi', populationThousands: 34_660 },
  { code: '150000', nameZh: '内蒙古自治区', nameEn: 'Inner Mongolia', populationThousands: 23_960 },
  { code: '210000', nameZh: '辽宁省', nameEn: 'Liaoning', populationThousands: 41_820 },
  { code: '220000', nameZh: '吉林省', nameEn: 'Jilin', populationThousands: 23_390 },
  { code: '230000', nameZh: '黑龙江省', nameEn: 'Heilongjiang', populationThousands: 30_290 },
  { code: '310000', nameZh: '上海市', nameEn: 'Shanghai', populationThousands: 24_870 },
  { code: '320000', nameZh: '江苏省', nameEn: 'Jiangsu', populationThousands: 85_260 },
  { code: '330000', nameZh: '浙江省', nameEn: 'Zhejiang', populationThousands: 66_270 },
  { code: '340000', nameZh: '安徽省', nameEn: 'Anhui', populationThousands: 61_210 },
  { code: '350000', nameZh: '福建省', nameEn: 'Fujian', populationThousands: 41_830 },
  { code: '360000', nameZh: '江西省', nameEn: 'Jiangxi', populationThousands: 45_150 },
  { code: '370000', nameZh: '山东省', nameEn: 'Shandong', populationThousands: 101_230 },
  { code: '410000', nameZh: '河南省', nameEn: 'Henan', populationThousands: 98_150 },
  { code: '420000', nameZh: '湖北省', nameEn: 'Hubei', populationThousands: 58_380 },
  { code: '430000', nameZh: '湖南省', nameEn: 'Hunan', populationThousands: 65_680 },
  { code: '440000', nameZh: '广东省', nameEn: 'Guangdong', populationThousands: 127_060 },
  { code: '450000', nameZh: '广西壮族自治区', nameEn: 'Guangxi', populationThousands: 50_270 },
  { code: '460000', nameZh: '海南省', nameEn: 'Hainan', populationThousands: 10_430 },
  { code: '500000', nameZh: '重庆市', nameEn: 'Chongqing', populationThousands: 31_910 },
  { code: '510000', nameZh: '四川省', nameEn: 'Sichuan', populationThousands: 83_680 },
  { code: '520000', nameZh: '贵州省', nameEn: 'Guizhou', populationThousands: 38_650 },
  { code: '530000', nameZh: '云南省', nameEn: 'Yunnan', populationThousands: 46_730 },
  { code: '540000', nameZh: '西藏自治区', nameEn: 'Tibet', populationThousands: 3_650 },
  { code: '610000', nameZh: '陕西省', nameEn: 'Shaanxi', populationThousands: 39_520 },
  { code: '620000', nameZh: '甘肃省', nameEn: 'Gansu', populationThousands: 24_650 },
  { code: '630000', nameZh: '青海省', nameEn: 'Qinghai', populationThousands: 5_940 },
  { code: '640000', nameZh: '宁夏回族自治区', nameEn: 'Ningxia', populationThousands: 7_290 },
  { code: '650000', nameZh: '新疆维吾尔自治区', nameEn: 'Xinjiang', populationThousands: 26_230 },
];
