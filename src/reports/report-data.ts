/**
 * What a report shows, as plain JSON: gathered from PostgreSQL by the reports service, sent to the render worker,
 * turned into a pdfmake document by the builders. Numbers stay decimal strings until the builder formats them.
 * Everything here is a function of the snapshot (and of data recorded by its cut-off), so the same snapshot and
 * template give the same bytes.
 */
export const REPORT_KINDS = ['NATIONAL_MONTHLY', 'BEIJING_SUBSIDY_MONTHLY'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_LANGUAGES = ['zh-CN', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** Bump when a builder or the strings change what a report looks like: stored reports name the version they used. */
export const TEMPLATE_VERSIONS: Record<ReportKind, string> = {
  NATIONAL_MONTHLY: 'national-monthly/1',
  BEIJING_SUBSIDY_MONTHLY: 'beijing-subsidy-monthly/1',
};

export interface SnapshotInfo {
  id: string;
  period: string;
  dataCutoff: string;
  methodologyVersion: string;
  stalenessMonths: number;
  historyMonths: number;
  createdAt: string;
  synthetic: boolean;
}

export interface Point {
  period: string;
  value: string;
}

export interface RegionResult {
  code: string;
  nameZh: string;
  nameEn: string;
  rank: number | null;
  status: string;
  measured: string | null;
  coverage: string | null;
  reporting: number;
  inScope: number;
}

export interface TargetSection {
  code: string;
  titleZh: string;
  titleEn: string;
  policyCode: string;
  policyTitleZh: string;
  policyTitleEn: string;
  indicatorUnit: string;
  aggregation: string;
  authority: string;
  confidence: string;
  qualitative: boolean;
  status: string;
  method: string;
  comparator: string;
  measured: string | null;
  expected: string | null;
  projected: string | null;
  coverage: string | null;
  numerator: string | null;
  denominator: string | null;
  threshold: string;
  tolerance: string;
  baselinePeriod: string | null;
  baselineValue: string | null;
  deadline: string;
  milestones: Point[];
  /** The stored explanation (English); the Chinese report composes its own from the same figures. */
  explanation: string;
  projectionPoints: number;
  growthRatio: string | null;
  minCoverage: string;
  /** Measured values of earlier months as their snapshots recorded them, then this month. */
  history: Point[];
  byRegion: RegionResult[];
}

export interface NationalReportData {
  kind: 'NATIONAL_MONTHLY';
  snapshot: SnapshotInfo;
  staleness: number;
  historyMonths: number;
  targets: TargetSection[];
  completeness: { code: string; nameZh: string; nameEn: string; registered: number; reported: number }[];
  warnings: { indicator: string; count: number }[];
  warningExamples: { hospital: string; indicator: string; message: string }[];
  sources: {
    code: string;
    titleZh: string;
    titleEn: string;
    issuer: string;
    issuedOn: string;
    authority: string;
    confidence: string;
    source: string;
    url: string | null;
    note: string;
  }[];
  operationalisations: {
    targetCode: string;
    wordingZh: string;
    wordingEn: string;
    threshold: string;
    rationale: string;
    status: string;
  }[];
}

export interface SubsidyReportData {
  kind: 'BEIJING_SUBSIDY_MONTHLY';
  snapshot: SnapshotInfo;
  programmes: {
    code: string;
    nameZh: string;
    nameEn: string;
    budgetYear: number;
    pool: string | null;
    reserved: string;
    approved: string;
    paid: string;
    clawedBack: string;
    /** Pool less committed (reserved less released and clawed back); null without a pool. */
    remaining: string | null;
    companyCap: string | null;
  }[];
  byState: { programme: string; state: string; count: number }[];
  byCompany: {
    programme: string;
    company: string;
    applications: number;
    approved: string;
    paid: string;
    clawedBack: string;
  }[];
  processing: { programme: string; decided: number; medianDays: string | null; maxDays: string | null }[];
  rejections: { programme: string; company: string; model: string; reason: string }[];
  stacking: { number: string; applications: string[] }[];
  cap: {
    code: string;
    status: string;
    measured: string | null;
    threshold: string;
    explanation: string;
  } | null;
}

export type ReportData = NationalReportData | SubsidyReportData;

export interface RenderRequest {
  data: ReportData;
  language: ReportLanguage;
  templateVersion: string;
}

export interface RenderResult {
  pdf: Uint8Array;
  pageCount: number;
}
