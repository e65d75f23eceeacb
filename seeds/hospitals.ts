import type { HospitalTier, HospitalType } from '../src/registry/hospital.entity.js';
import { PROVINCES, type RegionSeed } from './regions.js';
import { pick, seededRandom } from './random.js';

/**
 * The briefing's count of secondary-level-and-above hospitals at the end of 2024 (unverified elsewhere).
 * The registry built from it is synthetic: names, tiers and types are generated, not real facilities.
 */
export const HOSPITAL_COUNT = 12_294;
export const HOSPITAL_SEED = 20_251_217;
/** Share of tertiary hospitals among secondary-and-above, roughly the national ratio in recent yearbooks. */
const TERTIARY_SHARE = 0.3;

export interface HospitalSeed {
  id: string;
  regionCode: string;
  nameZh: string;
  nameEn: string;
  tier: HospitalTier;
  type: HospitalType;
  registeredFrom: string;
}

/** Largest-remainder apportionment (Hamilton's method): the shares sum exactly to `total`. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map((x) => Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k].i]++;
  return counts;
}

const TYPES: { type: HospitalType; weight: number; zh: string; en: string }[] = [
  { type: 'GENERAL', weight: 0.62, zh: '人民医院', en: "People's Hospital" },
  { type: 'TCM', weight: 0.2, zh: '中医医院', en: 'Hospital of Traditional Chinese Medicine' },
  { type: 'SPECIALIST', weight: 0.14, zh: '专科医院', en: 'Specialist Hospital' },
  { type: 'CANCER', weight: 0.04, zh: '肿瘤医院', en: 'Cancer Hospital' },
];
const DISTRICTS: { zh: string; en: string }[] = [
  { zh: '东城', en: 'Dongcheng' },
  { zh: '西城', en: 'Xicheng' },
  { zh: '南湖', en: 'Nanhu' },
  { zh: '北岭', en: 'Beiling' },
  { zh: '中山', en: 'Zhongshan' },
  { zh: '新华', en: 'Xinhua' },
  { zh: '滨江', en: 'Binjiang' },
  { zh: '青山', en: 'Qingshan' },
  { zh: '城关', en: 'Chengguan' },
  { zh: '开发区', en: 'Development Zone' },
  { zh: '高新', en: 'Hi-tech Zone' },
  { zh: '河西', en: 'Hexi' },
];

function pickType(random: () => number) {
  let roll = random();
  for (const entry of TYPES) {
    if ((roll -= entry.weight) < 0) return entry;
  }
  return TYPES[0];
}

function shortName(region: RegionSeed): string {
  return region.nameZh.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '');
}

export function generateHospitals(count = HOSPITAL_COUNT, seed = HOSPITAL_SEED): HospitalSeed[] {
  const random = seededRandom(seed);
  const perProvince = apportion(
    count,
    PROVINCES.map((p) => p.populationThousands ?? 0),
  );
  const hospitals: HospitalSeed[] = [];
  PROVINCES.forEach((province, p) => {
    for (let n = 1; n <= perProvince[p]; n++) {
      const kind = pickType(random);
      const district = pick(random, DISTRICTS);
      const tier: HospitalTier = random() < TERTIARY_SHARE ? 'TERTIARY' : 'SECONDARY';
      const year = 1950 + Math.floor(random() * 70);
      hospitals.push({
        id: `SYN-${province.code}-${String(n).padStart(4, '0')}`,
        regionCode: province.code,
        nameZh: `${shortName(province)}${district.zh}第${n}${kind.zh}`,
        nameEn: `${province.nameEn} ${district.en} No. ${n} ${kind.en}`,
        tier,
        type: kind.type,
        registeredFrom: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-01`,
      });
    }
  });
  return hospitals;
}
