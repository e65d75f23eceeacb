import type { IndicatorUnit, ReportingLevel } from '../src/adoption/indicator.entity.js';

export interface IndicatorSeed {
  code: string;
  nameZh: string;
  nameEn: string;
  definitionZh: string;
  definitionEn: string;
  unit: IndicatorUnit;
  reportingLevel: ReportingLevel;
  minValue: string | null;
  maxValue: string | null;
}

const yesNo = { unit: 'BOOLEAN', reportingLevel: 'HOSPITAL', minValue: '0', maxValue: '1' } as const;

export const INDICATORS: IndicatorSeed[] = [
  {
    code: 'IMAGING_AI',
    nameZh: '医学影像人工智能辅助分析',
    nameEn: 'AI used for medical image analysis',
    definitionZh: '本月在临床常规工作中使用人工智能辅助分析医学影像（1=是，0=否）。',
    definitionEn:
      'The hospital used AI to analyse medical images in routine clinical work this month (1 yes, 0 no).',
    ...yesNo,
  },
  {
    code: 'CDS_AI',
    nameZh: '人工智能临床决策支持',
    nameEn: 'AI clinical decision support',
    definitionZh: '本月在临床诊疗中使用人工智能临床决策支持系统（1=是，0=否）。',
    definitionEn:
      'The hospital used an AI clinical decision support system in patient care this month (1 yes, 0 no).',
    ...yesNo,
  },
  {
    code: 'LLM_DIAGNOSIS',
    nameZh: '大模型用于诊疗',
    nameEn: 'Large model used in diagnosis and treatment',
    definitionZh: '本月在诊断或治疗中使用大模型（1=是，0=否）。',
    definitionEn: 'The hospital used a large AI model in diagnosis or treatment this month (1 yes, 0 no).',
    ...yesNo,
  },
  {
    code: 'SPECIALIST_DEPT_AI',
    nameZh: '专科科室人工智能应用',
    nameEn: 'AI in at least one specialist department',
    definitionZh: '至少一个专科科室本月在诊疗中使用人工智能（1=是，0=否）。',
    definitionEn: 'At least one specialist department used AI in patient care this month (1 yes, 0 no).',
    ...yesNo,
  },
  {
    code: 'PRIMARY_CARE_AI',
    nameZh: '基层医疗卫生机构人工智能辅助诊断覆盖',
    nameEn: 'Primary-care institutions with AI-assisted diagnosis',
    definitionZh:
      '地区上报：提供人工智能辅助诊断的基层医疗卫生机构数（分子）与基层医疗卫生机构总数（分母）。',
    definitionEn:
      'Reported per region: primary-care institutions offering AI-assisted diagnosis (numerator) over all ' +
      'primary-care institutions (denominator); the measure is their ratio as a percentage.',
    unit: 'RATIO',
    reportingLevel: 'REGION',
    minValue: '0',
    maxValue: null,
  },
  {
    code: 'LUNG_NODULE_DETECTION_RATE',
    nameZh: '肺癌早期检出率',
    nameEn: 'Lung cancer early-detection rate',
    definitionZh: '本月确诊肺癌病例中早期检出的百分比。',
    definitionEn:
      'Share of lung cancer cases diagnosed this month that were detected at an early stage, in percent ' +
      '(West China Hospital reported 14.6 % before and 65.6 % with AI support).',
    unit: 'PERCENT',
    reportingLevel: 'HOSPITAL',
    minValue: '0',
    maxValue: '100',
  },
  {
    code: 'TRUSTED_DATA_SPACES',
    nameZh: '医疗卫生可信数据空间数量',
    nameEn: 'Certified trusted medical data spaces',
    definitionZh: '全国已建成并通过认定的医疗卫生可信数据空间累计数量。',
    definitionEn: 'Cumulative number of certified trusted medical data spaces in operation nationally.',
    unit: 'COUNT',
    reportingLevel: 'NATION',
    minValue: '0',
    maxValue: null,
  },
  {
    code: 'AI_HEALTH_STANDARDS',
    nameZh: '“人工智能+医疗卫生”关键标准发布数',
    nameEn: 'Key "AI + healthcare" standards issued',
    definitionZh: '已正式发布的“人工智能+医疗卫生”关键标准和规范累计数量。',
    definitionEn:
      'Cumulative number of key "AI + healthcare" standards and regulatory specifications issued.',
    unit: 'COUNT',
    reportingLevel: 'NATION',
    minValue: '0',
    maxValue: null,
  },
  {
    code: 'ONCOLOGIST_DIGITAL_TWINS',
    nameZh: '肿瘤专家数字分身数量',
    nameEn: 'Digital twins of leading oncologists',
    definitionZh: '已建成的知名肿瘤专家数字分身（专家知识模型）累计数量。',
    definitionEn: 'Cumulative number of digital twins (specialised models) of leading oncologists built.',
    unit: 'COUNT',
    reportingLevel: 'NATION',
    minValue: '0',
    maxValue: null,
  },
  {
    code: 'SUBSIDY_MAX_PER_COMPANY',
    nameZh: '单个企业获得算力补贴最高额',
    nameEn: 'Largest compute subsidy granted to one company',
    definitionZh: '本市医疗人工智能算力补贴项目中单个企业累计获批金额的最大值（元），由补贴台账计算。',
    definitionEn:
      'Largest cumulative approved compute-subsidy amount of any one company in the programme, in yuan; ' +
      'computed from the subsidy ledger, not reported.',
    unit: 'CNY',
    reportingLevel: 'REGION',
    minValue: '0',
    maxValue: null,
  },
];
