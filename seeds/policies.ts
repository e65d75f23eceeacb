import type { AuthorityLevel, Confidence } from '../src/policies/policy.entity.js';
import type { Aggregation, Comparator, ScoringMethod } from '../src/policies/target-version.entity.js';
import { NATION_CODE } from './regions.js';

/**
 * The policy library (DESIGN.md section 2). Every figure here comes from the briefing of 17 Dec 2025 in
 * ../shared/sources/, checked as the design's table records; nothing claims more certainty than that table.
 * Chinese titles and wordings marked "translation" are Yardstick's renderings, not the official text.
 */
export interface PolicySeed {
  code: string;
  titleZh: string;
  titleEn: string;
  issuerZh: string;
  issuerEn: string;
  issuedOn: string;
  authorityLevel: AuthorityLevel;
  confidence: Confidence;
  summaryEn: string;
  verificationNote: string;
  source: { title: string; publisher: string; date: string; url: string | null };
  targets: TargetSeed[];
}

export interface TargetSeed {
  code: string;
  effectiveFrom: string;
  titleZh: string;
  titleEn: string;
  indicatorCode: string;
  scopeRegionCode: string;
  scopeTiers: string[];
  scopeTypes: string[];
  aggregation: Aggregation;
  comparator: Comparator;
  threshold: string;
  baselinePeriod: string | null;
  baselineValue: string | null;
  deadline: string;
  milestones: { period: string; value: string }[];
  scoringMethod: ScoringMethod;
  tolerance: string;
  minCoverage: string;
  sourceClause: string;
  /** Present for every qualitative goal: how the words became a number. */
  operationalisation: { wordingZh: string; wordingEn: string; rationale: string } | null;
  authorityLevel?: AuthorityLevel;
  confidence?: Confidence;
}

const BRIEFING = {
  title: 'China AI2X Briefing: China mobilises artificial intelligence in the fight against cancer',
  publisher: 'China AI2X',
  date: '2025-12-17',
  url: null,
};
const HOSPITAL_TIERS_2PLUS = ['SECONDARY', 'TERTIARY'];
const ALL_TYPES = ['GENERAL', 'SPECIALIST', 'TCM', 'CANCER'];
const NHC_EFFECTIVE = '2025-11-04';

export const POLICIES: PolicySeed[] = [
  {
    code: 'NHC-2025-AI-HEALTHCARE',
    titleZh: '“人工智能+医疗卫生”实施意见',
    titleEn: 'Implementation opinion on "AI + Healthcare"',
    issuerZh: '国家卫生健康委员会等部门',
    issuerEn: 'National Health Commission and other authorities',
    issuedOn: '2025-11-04',
    authorityLevel: 'NATIONAL_GOVERNMENT',
    confidence: 'PRESS_REPORT',
    summaryEn:
      'By 2027: trusted high-quality medical data spaces, AI-supported primary care widely available, AI ' +
      'broadly used in specialist departments and patient services. By 2030: AI-supported primary-care ' +
      'diagnostics with basically full coverage; AI generally used for medical image analysis and clinical ' +
      'decision support in secondary-level-and-above hospitals; key standards and regulation completed.',
    verificationNote:
      'Milestones confirmed by other public reporting; the goals are qualitative and give no numeric ' +
      'thresholds. The primary text is not yet attached; the Chinese title is a translation.',
    source: BRIEFING,
    targets: [
      {
        code: 'NHC-2027-PRIMARY-AI',
        effectiveFrom: NHC_EFFECTIVE,
        titleZh: '2027年基层人工智能辅助诊疗广泛可及',
        titleEn: 'AI-supported primary care widely available by 2027',
        indicatorCode: 'PRIMARY_CARE_AI',
        scopeRegionCode: NATION_CODE,
        scopeTiers: ['PRIMARY'],
        scopeTypes: ALL_TYPES,
        aggregation: 'REGION_RATIO',
        comparator: 'AT_LEAST',
        threshold: '50',
        baselinePeriod: '2025-11-01',
        baselineValue: null,
        deadline: '2027-12-01',
        milestones: [],
        scoringMethod: 'LINEAR',
        tolerance: '2',
        minCoverage: '60',
        sourceClause: 'Goals for 2027, primary care',
        operationalisation: {
          wordingZh: '基层人工智能辅助诊疗广泛可及（译文）',
          wordingEn: 'AI-supported primary care widely available across the country',
          rationale:
            '"Widely available" read as at least half of primary-care institutions offering AI-assisted ' +
            'diagnosis, a midway mark towards the 2030 goal of basically full coverage (90 %).',
        },
      },
      {
        code: 'NHC-2027-SPECIALIST-AI',
        effectiveFrom: NHC_EFFECTIVE,
        titleZh: '2027年人工智能在专科科室广泛应用',
        titleEn: 'AI broadly used in specialist departments by 2027',
        indicatorCode: 'SPECIALIST_DEPT_AI',
        scopeRegionCode: NATION_CODE,
        scopeTiers: HOSPITAL_TIERS_2PLUS,
        scopeTypes: ALL_TYPES,
        aggregation: 'SHARE',
        comparator: 'AT_LEAST',
        threshold: '60',
        baselinePeriod: '2025-11-01',
        baselineValue: null,
        deadline: '2027-12-01',
        milestones: [],
        scoringMethod: 'LINEAR',
        tolerance: '2',
        minCoverage: '60',
        sourceClause: 'Goals for 2027, specialist departments and patient services',
        operationalisation: {
          wordingZh: '人工智能在众多医院专科科室广泛应用（译文）',
          wordingEn: 'AI broadly deployed in specialist departments of many hospitals',
          rationale:
            '"Broadly deployed in many hospitals" read as 60 % of secondary-level-and-above hospitals using AI ' +
            'in at least one specialist department: a clear majority, below the 80 % proposed for "generally ' +
            'used" in 2030.',
        },
      },
      {
        code: 'NHC-2027-TRUSTED-DATA-SPACES',
        effectiveFrom: NHC_EFFECTIVE,
        titleZh: '2027年建成一批高质量医疗卫生可信数据空间',
        titleEn: 'A series of trusted high-quality medical data spaces by 2027',
        indicatorCode: 'TRUSTED_DATA_SPACES',
        scopeRegionCode: NATION_CODE,
        scopeTiers: [],
        scopeTypes: [],
        aggregation: 'SUM',
        comparator: 'AT_LEAST',
        threshold: '10',
        baselinePeriod: '2025-11-01',
        baselineValue: '0',
        deadline: '2027-12-01',
        milestones: [],
        scoringMethod: 'LINEAR',
        tolerance: '0',
        minCoverage: '0',
        sourceClause: 'Goals for 2027, data foundations',
        operationalisation: {
          wordingZh: '建成一批高质量、可信的医疗卫生数据空间（译文）',
          wordingEn: 'A series of high-quality, trusted medical data repositories (trusted data spaces)',
          rationale:
            '"A series" read as at least ten certified data spaces, about one for each major regional medical ' +
            'centre; the baseline of zero certified spaces at issue is an assumption to be checked.',
        },
      },
      {
        code: 'NHC-2030-PRIMARY-AI-COVERAGE',
        effectiveFrom: NHC_EFFECTIVE,
        titleZh: '2030年基层人工智能辅助诊断基本全覆盖',
        titleEn: 'AI-supported primary-care diagnostics with basically full coverage by 2030',
        indicatorCode: 'PRIMARY_CARE_AI',
        scopeRegionCode: NATION_CODE,
        scopeTiers: ['PRIMARY'],
        scopeTypes: ALL_TYPES,
        aggregation: 'REGION_RATIO',
        comparator: 'AT_LEAST',
        threshold: '90',
        baselinePeriod: '2025-11-01',
        baselineValue: null,
        deadline: '2030-12-01',
        // Passes through the 2027 goal so the two targets tell one story.
        milestones: [{ period: '2027-12-01', value: '50' }],
        scoringMethod: 'PIECEWISE',
        tolerance: '2',
        minCoverage: '60',
        sourceClause: 'Goals for 2030, primary care',
        operationalisation: {
          wordingZh: '基层人工智能辅助诊断基本实现全覆盖（译文）',
          wordingEn:
            'AI-supported diagnostics in primary care largely established ("basically full coverage")',
          rationale:
            '"Basically full coverage" (基本全覆盖) is commonly read in Chinese planning documents as 90 % or more; ' +
            'the trajectory passes through the 2027 milestone of 50 %.',
        },
      },
      {
        code: 'NHC-2030-IMAGING-AI',
        effectiveFrom: NHC_EFFECTIVE,
        titleZh: '2030年二级及以上医院普遍应用人工智能医学影像分析',
        titleEn: 'AI generally used for medical image analysis in secondary-and-above hospitals by 2030',
        indicatorCode: 'IMAGING_AI',
        scopeRegionCode: NATION_CODE,
        scopeTiers: HOSPITAL_TIERS_2PLUS,
        scopeTypes: ALL_TYPES,
        aggregation: 'SHARE',
        comparator: 'AT_LEAST',
        threshold: '80',
        baselinePeriod: '2025-11-01',
        baselineValue: null,
        deadline: '2030-12-01',
        milestones: [],
        scoringMethod: 'LINEAR',
        tolerance: '2',
        minCoverage: '60',
        sourceClause: 'Goals for 2030, secondary-level-and-above hospitals',
        operationalisation: {
          wordingZh: '二级及以上医院普遍应用人工智能开展医学影像分析（译文）',
          wordingEn: 'AI generally used for medical image analysis in secondary-level-and-above hospitals',
          rationale:
            '"Generally used" (普遍应用) read as four in five in-scope hospitals using AI for image analysis in ' +
            'routine work; lower than "full coverage" and higher than "broadly".',
        },
      },
      {
        code: 'NHC-2030-CDS-AI',
        effectiveFrom: NHC_EFFECTIVE,
        titleZh: '2030年二级及以上医院普遍应用人工智能临床决策支持',
        titleEn: 'AI clinical decision support generally used in secondary-and-above hospitals by 2030',
        indicatorCode: 'CDS_AI',
        scopeRegionCode: NATION_CODE,
        scopeTiers: HOSPITAL_TIERS_2PLUS,
        scopeTypes: ALL_TYPES,
        aggregation: 'SHARE',
        comparator: 'AT_LEAST',
        threshold: '80',
        baselinePeriod: '2025-11-01',
        baselineValue: null,
        deadline: '2030-12-01',
        milestones: [],
        scoringMethod: 'LINEAR',
        tolerance: '2',
        minCoverage: '60',
        sourceClause: 'Goals for 2030, secondary-level-and-above hospitals',
        operationalisation: {
          wordingZh: '二级及以上医院普遍应用人工智能临床决策支持（译文）',
          wordingEn: 'AI generally used for clinical decision support in secondary-level-and-above hospitals',
          rationale: 'Same reading of "generally used" as for image analysis: 80 % of in-scope hospitals.',
        },
      },
      {
        code: 'NHC-2030-STANDARDS',
        effectiveFrom: NHC_EFFECTIVE,
        titleZh: '2030年“人工智能+医疗卫生”关键标准和监管制度基本完善',
        titleEn: 'Key "AI + healthcare" standards and regulation completed by 2030',
        indicatorCode: 'AI_HEALTH_STANDARDS',
        scopeRegionCode: NATION_CODE,
        scopeTiers: [],
        scopeTypes: [],
        aggregation: 'SUM',
        comparator: 'AT_LEAST',
        threshold: '20',
        baselinePeriod: '2025-11-01',
        baselineValue: '0',
        deadline: '2030-12-01',
        milestones: [],
        scoringMethod: 'LINEAR',
        tolerance: '0',
        minCoverage: '0',
        sourceClause: 'Goals for 2030, standards and regulation',
        operationalisation: {
          wordingZh: '关键标准和监管框架基本完善（译文）',
          wordingEn: 'Key standards and regulatory frameworks completed',
          rationale:
            'No list or count is published. Twenty issued key standards is a placeholder for the NHC standards ' +
            "plan; replace it with the plan's own list when it is attached. Baseline zero is an assumption.",
        },
      },
    ],
  },
  {
    code: 'CACA-JDH-2025-CANCER-AI',
    titleZh: '肿瘤防治一体化行动（2025—2030）（译文）',
    titleEn: 'Integrated Initiative for Cancer Prevention and Treatment (2025-2030)',
    issuerZh: '京东健康、中国抗癌协会',
    issuerEn: 'JD Health with the China Anti-Cancer Association',
    issuedOn: '2025-12-13',
    authorityLevel: 'INDUSTRY_INITIATIVE',
    confidence: 'PRESS_REPORT',
    summaryEn:
      'Large AI models used for diagnosis and treatment in more than 12,000 hospitals within five years; digital ' +
      'twins of almost 100 leading oncologists; expertise of 1,000+ specialists from 400+ hospitals.',
    verificationNote:
      'Reported by Keji Ribao through the briefing. An industry initiative led by a company, not a government ' +
      'target: reports print it apart from government targets.',
    source: BRIEFING,
    targets: [
      {
        code: 'CANCER-2030-LLM-HOSPITALS',
        effectiveFrom: '2025-12-13',
        titleZh: '2030年大模型用于诊疗的医院超过12000家',
        titleEn: 'Large models used in diagnosis and treatment in more than 12,000 hospitals by 2030',
        indicatorCode: 'LLM_DIAGNOSIS',
        scopeRegionCode: NATION_CODE,
        scopeTiers: HOSPITAL_TIERS_2PLUS,
        scopeTypes: ALL_TYPES,
        aggregation: 'COUNT',
        comparator: 'AT_LEAST',
        threshold: '12000',
        baselinePeriod: '2025-12-01',
        baselineValue: null,
        deadline: '2030-12-01',
        milestones: [],
        scoringMethod: 'LINEAR',
        tolerance: '0',
        minCoverage: '60',
        sourceClause: 'Initiative goal, "within five years" from December 2025',
        operationalisation: null,
      },
      {
        code: 'CANCER-2030-ONCOLOGIST-TWINS',
        effectiveFrom: '2025-12-13',
        titleZh: '约100位知名肿瘤专家数字分身',
        titleEn: 'Digital twins of about 100 leading oncologists',
        indicatorCode: 'ONCOLOGIST_DIGITAL_TWINS',
        scopeRegionCode: NATION_CODE,
        scopeTiers: [],
        scopeTypes: [],
        aggregation: 'SUM',
        comparator: 'AT_LEAST',
        threshold: '100',
        baselinePeriod: '2025-12-01',
        baselineValue: null,
        deadline: '2030-12-01',
        milestones: [],
        scoringMethod: 'LINEAR',
        tolerance: '0',
        minCoverage: '0',
        sourceClause: 'Initiative announcement, digital twins',
        operationalisation: {
          wordingZh: '已建成近100位知名肿瘤专家的数字分身（译文）',
          wordingEn: 'Digital twins of almost 100 leading cancer specialists have been created',
          rationale:
            '"Almost 100" is reported as already built in December 2025; 100 is taken as the goal to hold and ' +
            'complete by 2030. The exact count at announcement is unknown, so no baseline value is set.',
        },
      },
    ],
  },
  {
    code: 'BJ-2025-MEDICAL-AI-PACKAGE',
    titleZh: '北京市医疗人工智能支持政策措施（译文）',
    titleEn: 'Beijing policy package for medical AI',
    issuerZh: '北京市',
    issuerEn: 'Beijing Municipality',
    issuedOn: '2025-11-24',
    authorityLevel: 'MUNICIPAL_GOVERNMENT',
    confidence: 'UNVERIFIED',
    summaryEn:
      'Companies developing competitive medical AI models can apply for compute-cost subsidies of up to ' +
      '30 million yuan.',
    verificationNote:
      'Only in the briefing; not found in other reporting. Related schemes that were found: Beijing E-Town 2024 ' +
      '(30 % of settled compute cost, at most 20 M yuan per company, 100 M yuan yearly pool) and the Beijing ' +
      'municipal compute vouchers 2023-2025 (20 % of a contract, at most 2 M yuan per company per year).',
    source: BRIEFING,
    targets: [
      {
        code: 'BJ-2025-COMPUTE-SUBSIDY-CAP',
        effectiveFrom: '2025-11-24',
        titleZh: '医疗人工智能算力补贴单个企业不超过3000万元',
        titleEn: 'Compute subsidy of at most 30 million yuan per company',
        indicatorCode: 'SUBSIDY_MAX_PER_COMPANY',
        scopeRegionCode: '110000',
        scopeTiers: [],
        scopeTypes: [],
        aggregation: 'MAX',
        comparator: 'AT_MOST',
        threshold: '30000000',
        baselinePeriod: '2025-11-01',
        baselineValue: '0',
        // No end date was reported; the cap is checked every period up to the end of the 15th Five-Year Plan.
        deadline: '2030-12-01',
        milestones: [],
        scoringMethod: 'LINEAR',
        tolerance: '0',
        minCoverage: '0',
        sourceClause: 'Policy package of 24 Nov 2025, compute subsidies',
        operationalisation: null,
      },
    ],
  },
];
