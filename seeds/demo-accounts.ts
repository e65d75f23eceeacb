import type { Role } from '../src/auth/user.entity.js';
import { usccCheckCharacter } from '../src/subsidies/uscc.js';

/** Shared by every demo account; printed in the README. Never seeded outside demo data. */
export const DEMO_PASSWORD = 'yardstick-demo';

const uscc = (body: string) => body + usccCheckCharacter(body);

export interface CompanySeed {
  key: string;
  uscc: string;
  nameZh: string;
  nameEn: string;
  regionCode: string;
}

export const DEMO_COMPANIES: CompanySeed[] = [
  {
    key: 'company-a',
    uscc: uscc('91110108MA01Y7AA0'),
    nameZh: '北京甲示例医疗智能科技有限公司（合成数据）',
    nameEn: 'Beijing Example A Medical AI Co., Ltd. (synthetic)',
    regionCode: '110000',
  },
  {
    key: 'company-b',
    uscc: uscc('91110105MA01Y7BB0'),
    nameZh: '北京乙示例医学大模型有限公司（合成数据）',
    nameEn: 'Beijing Example B Medical Models Co., Ltd. (synthetic)',
    regionCode: '110000',
  },
  {
    key: 'company-c',
    uscc: uscc('91110108MA01Y7DD0'),
    nameZh: '北京丙示例影像智能有限公司（合成数据）',
    nameEn: 'Beijing Example C Imaging AI Co., Ltd. (synthetic)',
    regionCode: '110000',
  },
  {
    key: 'company-d',
    uscc: uscc('91310115MA01Y7EE0'),
    nameZh: '上海丁示例医疗科技有限公司（合成数据）',
    nameEn: 'Shanghai Example D Medical Technology Co., Ltd. (synthetic)',
    regionCode: '310000',
  },
];

/** Compute providers of the demo; the first is an affiliate of company A (to show the affiliation rule). */
export const DEMO_PROVIDERS = {
  affiliateOfA: {
    name: 'Example A Cloud (affiliate of company A, synthetic)',
    uscc: uscc('91110108MA01Y7FF0'),
  },
  independent: [
    { name: 'Example North Compute Centre (synthetic)', uscc: uscc('91110105MA01Y7GG0') },
    { name: 'Example Capital Cloud (synthetic)', uscc: uscc('91110114MA01Y7HH0') },
  ],
};

export interface AccountSeed {
  email: string;
  role: Role;
  displayName: string;
  hospitalId?: string;
  companyKey?: string;
}

export const DEMO_ACCOUNTS: AccountSeed[] = [
  { email: 'regulator@yardstick.test', role: 'REGULATOR', displayName: 'Demo regulator (NHC)' },
  { email: 'admin@yardstick.test', role: 'ADMIN', displayName: 'Demo administrator' },
  {
    email: 'hospital@yardstick.test',
    role: 'HOSPITAL',
    displayName: 'Demo hospital data officer',
    hospitalId: 'SYN-110000-0001',
  },
  {
    email: 'company-a@yardstick.test',
    role: 'COMPANY',
    displayName: 'Demo filing officer, company A',
    companyKey: 'company-a',
  },
  {
    email: 'company-b@yardstick.test',
    role: 'COMPANY',
    displayName: 'Demo filing officer, company B',
    companyKey: 'company-b',
  },
  {
    email: 'company-c@yardstick.test',
    role: 'COMPANY',
    displayName: 'Demo filing officer, company C',
    companyKey: 'company-c',
  },
  {
    email: 'company-d@yardstick.test',
    role: 'COMPANY',
    displayName: 'Demo filing officer, company D (registered in Shanghai)',
    companyKey: 'company-d',
  },
];
