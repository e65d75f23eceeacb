/**
 * The five queries of the national benchmark, as each contender asks them: Yardstick's GraphQL API, PostGraphile 5's
 * generated API over the same tables, and the floor's hand-written SQL (bench/floor.ts). Each answer is reduced to
 * the rows it holds (`rows`) so that the harness can check that all three return the same rows.
 */
export const PROVINCE = '440000'; // Guangdong, the largest province of the synthetic registry (1,110 hospitals)
export const HOSPITAL = 'SYN-440000-0003'; // tertiary general: reports all five hospital indicators
export const FROM = '2025-11';
export const TO = '2026-10';
export const SNAPSHOT_PERIOD = '2026-09';
export const Q1_INDICATORS = ['CDS_AI', 'IMAGING_AI', 'LLM_DIAGNOSIS', 'SPECIALIST_DEPT_AI'];
export const Q2_INDICATOR = 'IMAGING_AI';
export const PAGE = 50;
export const YARDSTICK_MAX_PAGE = 100;

export type QueryId = 'Q0' | 'Q1' | 'Q2' | 'Q3' | 'Q4';
export type Counts = Record<string, number>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface QuerySpec {
  id: QueryId;
  title: string;
  /** Who asks: Q4 is a company's page, the others a regulator's. */
  as: 'regulator' | 'company';
}

export const QUERIES: QuerySpec[] = [
  { id: 'Q0', title: `one hospital (${HOSPITAL}), 12 months of every indicator`, as: 'regulator' },
  {
    id: 'Q1',
    title: `50 hospitals of Guangdong with their region, 12 months of 4 indicators, total count`,
    as: 'regulator',
  },
  { id: 'Q2', title: `every hospital of Guangdong (1,110), 12 months of ${Q2_INDICATOR}`, as: 'regulator' },
  {
    id: 'Q3',
    title: `compliance(${SNAPSHOT_PERIOD}): every target with its province breakdown`,
    as: 'regulator',
  },
  { id: 'Q4', title: `company A's applications, first page of 20, newest first, total count`, as: 'company' },
];

const VALUE = `indicatorCode period value revision`;

/** Yardstick. Q2 asks the 1,110 hospitals as pages of 100 in one request (aliases; `first` is at most 100). */
export function yardstickQuery(id: QueryId, q2Cursors: (string | null)[]): string {
  switch (id) {
    case 'Q0':
      return `{ hospital(id: "${HOSPITAL}") { id nameZh nameEn tier type region { code nameEn }
        adoption(from: "${FROM}", to: "${TO}") { ${VALUE} } } }`;
    case 'Q1':
      return `{ hospitals(first: ${PAGE}, filter: { regionCode: "${PROVINCE}" }) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { id nameZh tier region { code nameEn }
          adoption(from: "${FROM}", to: "${TO}", indicatorCodes: ${JSON.stringify(Q1_INDICATORS)}) { ${VALUE} } } } } }`;
    case 'Q2':
      return `{ ${q2Cursors
        .map(
          (
            after,
            i,
          ) => `p${i}: hospitals(first: ${YARDSTICK_MAX_PAGE}${after ? `, after: "${after}"` : ''}, filter: { regionCode: "${PROVINCE}" }) {
          ${i === 0 ? 'totalCount ' : ''}edges { node { id nameZh tier
            adoption(from: "${FROM}", to: "${TO}", indicatorCodes: ["${Q2_INDICATOR}"]) { ${VALUE} } } } }`,
        )
        .join('\n')} }`;
    case 'Q3':
      return `{ compliance(period: "${SNAPSHOT_PERIOD}") { id period dataCutoff
        targets { target { code titleEn } regionCode: region { code } status measuredValue expectedValue coverage threshold
          byRegion { region { code nameEn } rank status measuredValue coverage } } } }`;
    case 'Q4':
      return `{ subsidyApplications(first: 20) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { id state programCode modelName modelCategory requestedAmount approvedAmount submittedAt createdAt } } } }`;
  }
}

export function yardstickRows(id: QueryId, body: Json): Counts {
  const d = body.data;
  switch (id) {
    case 'Q0':
      return { hospitals: d.hospital ? 1 : 0, values: d.hospital.adoption.length };
    case 'Q1':
      return {
        hospitals: d.hospitals.edges.length,
        values: d.hospitals.edges.reduce((n: number, e: Json) => n + e.node.adoption.length, 0),
        totalCount: d.hospitals.totalCount,
      };
    case 'Q2': {
      const pages = Object.values(d) as Json[];
      return {
        hospitals: pages.reduce((n, p) => n + p.edges.length, 0),
        values: pages.reduce(
          (n, p) => n + p.edges.reduce((m: number, e: Json) => m + e.node.adoption.length, 0),
          0,
        ),
      };
    }
    case 'Q3':
      return {
        results:
          d.compliance.targets.length +
          d.compliance.targets.reduce((n: number, t: Json) => n + t.byRegion.length, 0),
      };
    case 'Q4':
      return {
        applications: d.subsidyApplications.edges.length,
        totalCount: d.subsidyApplications.totalCount,
      };
  }
}

/**
 * PostGraphile 5 (amber preset) over the same tables, plus one SQL function (bench/postgraphile/setup.sql) that
 * gives Hospital an `adoption` field with Yardstick's rule: the latest revision of each value as known now.
 * Q4 filters on the company's id as row-level security would (PostGraphile has no Yardstick accounts).
 */
export function postgraphileQuery(id: QueryId, companyId: string): string {
  const adoption = (codes: string[] | null) =>
    `adoption(fromPeriod: "${FROM}-01", toPeriod: "${TO}-01"${codes ? `, codes: ${JSON.stringify(codes)}` : ''}) { nodes { indicatorCode period value revision } }`;
  switch (id) {
    case 'Q0':
      return `{ hospitalByRowId(rowId: "${HOSPITAL}") { rowId nameZh nameEn tier type regionByRegionCode { code nameEn } ${adoption(null)} } }`;
    case 'Q1':
      return `{ allHospitals(first: ${PAGE}, condition: { regionCode: "${PROVINCE}" }, orderBy: PRIMARY_KEY_ASC) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { rowId nameZh tier regionByRegionCode { code nameEn } ${adoption(Q1_INDICATORS)} } } }`;
    case 'Q2':
      return `{ allHospitals(condition: { regionCode: "${PROVINCE}" }, orderBy: PRIMARY_KEY_ASC) {
        totalCount nodes { rowId nameZh tier ${adoption([Q2_INDICATOR])} } } }`;
    case 'Q3':
      return `{ allComplianceSnapshots(condition: { period: "${SNAPSHOT_PERIOD}-01" }, orderBy: [CREATED_AT_DESC, ROW_ID_DESC], first: 1) {
        nodes { rowId period dataCutoff complianceResultsBySnapshotId(orderBy: [TARGET_CODE_ASC, RANK_ASC, REGION_CODE_ASC]) {
          nodes { targetCode regionCode status measuredValue expectedValue coverage threshold rank
            targetVersionByTargetVersionId { titleEn } regionByRegionCode { code nameEn } } } } } }`;
    case 'Q4':
      return `{ allSubsidyApplications(first: 20, condition: { companyId: "${companyId}" }, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { rowId state programCode modelName modelCategory requestedAmount approvedAmount submittedAt createdAt } } }`;
  }
}

export function postgraphileRows(id: QueryId, body: Json): Counts {
  const d = body.data;
  const values = (nodes: Json[]) => nodes.reduce((n: number, h: Json) => n + h.adoption.nodes.length, 0);
  switch (id) {
    case 'Q0':
      return { hospitals: d.hospitalByRowId ? 1 : 0, values: d.hospitalByRowId.adoption.nodes.length };
    case 'Q1':
      return {
        hospitals: d.allHospitals.nodes.length,
        values: values(d.allHospitals.nodes),
        totalCount: d.allHospitals.totalCount,
      };
    case 'Q2':
      return { hospitals: d.allHospitals.nodes.length, values: values(d.allHospitals.nodes) };
    case 'Q3':
      return { results: d.allComplianceSnapshots.nodes[0].complianceResultsBySnapshotId.nodes.length };
    case 'Q4':
      return {
        applications: d.allSubsidyApplications.nodes.length,
        totalCount: d.allSubsidyApplications.totalCount,
      };
  }
}

/** The floor answers GET /q0 ... /q4 with the JSON PostgreSQL built (bench/floor.ts); same shape as Yardstick's. */
export function floorPath(id: QueryId, companyId: string): string {
  return id === 'Q4' ? `/q4?company=${companyId}` : `/${id.toLowerCase()}`;
}

export function floorRows(id: QueryId, body: Json): Counts {
  if (id === 'Q2') {
    const hospitals = body.data.hospitals;
    return {
      hospitals: hospitals.edges.length,
      values: hospitals.edges.reduce((n: number, e: Json) => n + e.node.adoption.length, 0),
    };
  }
  return yardstickRows(id, body);
}
