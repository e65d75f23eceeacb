/**
 * Compute-subsidy programmes as the briefing and the checks of DESIGN.md section 2 report them. Where a
 * parameter is not in any source, the value used is marked as an assumption in the rule itself.
 */
export interface ProgramSeed {
  code: string;
  nameZh: string;
  nameEn: string;
  issuerEn: string;
  regionCode: string;
  windowStart: string;
  windowEnd: string;
  authorityLevel: string;
  confidence: string;
  source: string;
  rules: {
    effectiveFrom: string;
    rate: string;
    perClaimCap: string | null;
    companyCap: string | null;
    companyCapPeriod: 'YEAR' | 'PROGRAM';
    yearlyPool: string | null;
    eligibleCostTypes: string[];
    requiredDocuments: string[];
    source: string;
    confidence: string;
    assumption: string | null;
  }[];
}

const COMPUTE = ['COMPUTE_RENTAL', 'COMPUTE_SERVICE', 'MODEL_TRAINING_SERVICE'];

export const PROGRAMS: ProgramSeed[] = [
  {
    code: 'BJ-2025-MEDICAL-AI-COMPUTE',
    nameZh: '北京市医疗人工智能大模型算力补贴（译文）',
    nameEn: 'Beijing compute subsidy for medical AI models',
    issuerEn: 'Beijing Municipality (policy package of 24 Nov 2025)',
    regionCode: '110000',
    windowStart: '2025-11-24',
    windowEnd: '2030-12-31',
    authorityLevel: 'MUNICIPAL_GOVERNMENT',
    confidence: 'UNVERIFIED',
    source:
      'China AI2X Briefing, 17 Dec 2025: "subsidies of up to 30 million yuan" to cover computing costs; not found in other reporting',
    rules: [
      {
        effectiveFrom: '2025-11-24',
        rate: '0.300000',
        perClaimCap: null,
        companyCap: '30000000.00',
        companyCapPeriod: 'PROGRAM',
        yearlyPool: null,
        eligibleCostTypes: COMPUTE,
        requiredDocuments: ['CONTRACT', 'MODEL_EVIDENCE'],
        source:
          'Cap: the briefing (unverified). Rate: Beijing E-Town 2024 scheme (30 % of settled compute cost)',
        confidence: 'UNVERIFIED',
        assumption:
          'The briefing gives no rate, no window end and no pool: 30 % is taken from the E-Town 2024 scheme, the window ' +
          'is assumed to run to the end of 2030, and no yearly pool is applied until one is published.',
      },
    ],
  },
  {
    code: 'BJ-ETOWN-2024-COMPUTE',
    nameZh: '北京经济技术开发区算力补贴（2024）（译文）',
    nameEn: 'Beijing E-Town compute subsidy (2024)',
    issuerEn: 'Beijing Economic-Technological Development Area',
    regionCode: '110000',
    windowStart: '2024-01-01',
    windowEnd: '2026-12-31',
    authorityLevel: 'DISTRICT_GOVERNMENT',
    confidence: 'PRESS_REPORT',
    source: 'Public reporting of the E-Town 2024 compute measures, as recorded in DESIGN.md section 2',
    rules: [
      {
        effectiveFrom: '2024-01-01',
        rate: '0.300000',
        perClaimCap: null,
        companyCap: '20000000.00',
        companyCapPeriod: 'PROGRAM',
        yearlyPool: '100000000.00',
        eligibleCostTypes: COMPUTE,
        requiredDocuments: ['CONTRACT'],
        source: '30 % of settled compute cost, at most 20 M yuan per company, 100 M yuan yearly pool',
        confidence: 'PRESS_REPORT',
        assumption: 'The window end (end of 2026) is assumed.',
      },
    ],
  },
  {
    code: 'BJ-2023-COMPUTE-VOUCHER',
    nameZh: '北京市算力券（2023—2025）（译文）',
    nameEn: 'Beijing municipal compute vouchers 2023-2025',
    issuerEn: 'Beijing Municipality',
    regionCode: '110000',
    windowStart: '2023-01-01',
    windowEnd: '2025-12-31',
    authorityLevel: 'MUNICIPAL_GOVERNMENT',
    confidence: 'PRESS_REPORT',
    source: 'Public reporting of the Beijing compute-voucher scheme, as recorded in DESIGN.md section 2',
    rules: [
      {
        effectiveFrom: '2023-01-01',
        rate: '0.200000',
        perClaimCap: null,
        companyCap: '2000000.00',
        companyCapPeriod: 'YEAR',
        yearlyPool: null,
        eligibleCostTypes: COMPUTE,
        requiredDocuments: ['CONTRACT', 'INVOICE'],
        source:
          '20 % of a contract, at most 2 M yuan per company per calendar year, one claim per contract, non-affiliated ' +
          'provider, no second municipal subsidy for the same compute',
        confidence: 'PRESS_REPORT',
        assumption: null,
      },
    ],
  },
];
