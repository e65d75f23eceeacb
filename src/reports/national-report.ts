import type { Content, DocumentDefinition } from 'pdfmake';
import { addMonths, monthsBetween } from '../common/periods.js';
import { GROWTH_AT_RISK, GROWTH_ON_TRACK, STATUSES } from '../compliance/methodology.js';
import { barsSvg, trajectorySvg } from './charts.js';
import {
  beijingTime,
  figure,
  formatDecimal,
  frame,
  heading,
  STATUS_COLOURS,
  statusCell,
  strings,
  table,
  unitSuffix,
  type Strings,
} from './layout.js';
import type { NationalReportData, Point, ReportLanguage, TargetSection } from './report-data.js';

/** The path the target expects: straight, through the milestones, or compound growth for the growth ratio. */
function expectedPath(target: TargetSection): Point[] {
  if (target.baselinePeriod === null || target.baselineValue === null) return [];
  if (target.method === 'GROWTH_RATIO' && Number(target.baselineValue) > 0) {
    const points: Point[] = [];
    const b = Number(target.baselineValue);
    const v = Number(target.threshold);
    const span = monthsBetween(target.baselinePeriod, target.deadline);
    for (let i = 0; i <= span; i += 3) {
      points.push({ period: addMonths(target.baselinePeriod, i), value: String(b * (v / b) ** (i / span)) });
    }
    return [...points, { period: target.deadline, value: target.threshold }];
  }
  const milestones = target.method === 'PIECEWISE' ? target.milestones : [];
  return [
    { period: target.baselinePeriod, value: target.baselineValue },
    ...milestones,
    { period: target.deadline, value: target.threshold },
  ];
}

const title = (target: TargetSection, language: ReportLanguage) =>
  language === 'en' ? target.titleEn : target.titleZh;

function summary(data: NationalReportData, t: Strings): Content {
  const counts = STATUSES.map((s) => ({
    status: s,
    count: data.targets.filter((x) => x.status === s).length,
  }));
  return {
    columns: counts.map(({ status, count }) => ({
      width: '*',
      stack: [
        { text: String(count), fontSize: 20, bold: true, color: STATUS_COLOURS[status], alignment: 'center' },
        { text: t(`status.${status}`), alignment: 'center', color: '#333333' },
      ],
    })),
    margin: [0, 6, 0, 12],
  };
}

function targetsTable(data: NationalReportData, t: Strings, language: ReportLanguage): Content {
  return table(
    [
      t('col.target'),
      t('col.status'),
      t('col.measured'),
      t('col.expected'),
      t('col.projected'),
      t('col.coverage'),
      t('col.deadline'),
      t('col.authority'),
      t('col.confidence'),
    ],
    data.targets.map((x) => [
      { stack: [{ text: x.code, bold: true, fontSize: 7.5 }, { text: title(x, language) }] },
      statusCell(x.status, t),
      figure(x.measured, x.aggregation, x.indicatorUnit, language),
      figure(x.expected, x.aggregation, x.indicatorUnit, language),
      figure(x.projected, x.aggregation, x.indicatorUnit, language),
      x.coverage === null ? '-' : `${formatDecimal(x.coverage, 1)} %`,
      x.deadline,
      t(`authority.${x.authority}`),
      t(`confidence.${x.confidence}`),
    ]),
    ['*', 52, 62, 62, 62, 44, 44, 70, 60],
  );
}

/**
 * How the status was reached, in the report's language. English uses the explanation stored with the result;
 * Chinese is composed here from the same stored figures (the rules are in compliance/rules.ts).
 */
export function explain(x: TargetSection, language: ReportLanguage): string {
  if (language === 'en') return x.explanation;
  const atLeast = x.comparator !== 'AT_MOST';
  switch (x.status) {
    case 'NO_DATA':
      return `覆盖率 ${x.coverage ?? '-'}% 低于最低要求 ${x.minCoverage}%，或无单位填报，不作评价。`;
    case 'ACHIEVED':
      return `实测值 ${x.measured} 已${atLeast ? '达到' : '不高于'}目标值 ${x.threshold}。`;
    case 'MISSED':
      return `截止月份 ${x.deadline} 已过，实测值 ${x.measured} 未达到目标值 ${x.threshold}。`;
  }
  if (x.growthRatio !== null) {
    return `实际复合增长与所需复合增长之比 R = ${x.growthRatio}（不低于 ${GROWTH_ON_TRACK} 为进展正常，${GROWTH_AT_RISK} 至 ${GROWTH_ON_TRACK} 为存在风险，低于 ${GROWTH_AT_RISK} 为进度落后）。`;
  }
  if (x.status === 'ON_TRACK') {
    return `实测值 ${x.measured} ${atLeast ? '不低于' : '不高于'}预期值 ${x.expected}${atLeast ? '减去' : '加上'}容差 ${x.tolerance}。`;
  }
  const behind =
    x.expected === null ? '无基线，无法计算预期值' : `实测值 ${x.measured} 落后于预期值 ${x.expected}`;
  if (x.projected === null) {
    return `${behind}；有效月度数据仅 ${x.projectionPoints} 个月（少于 3 个月），无法预测趋势。`;
  }
  return `${behind}；按最近 ${x.projectionPoints} 个月的趋势，截止 ${x.deadline} 预计为 ${x.projected}，${
    x.status === 'AT_RISK' ? '可以' : '无法'
  }达到目标值 ${x.threshold}。`;
}

/** One target: every component as stored (six decimals), the explanation, and the trajectory chart. */
function targetDetail(x: TargetSection, t: Strings, language: ReportLanguage, first: boolean): Content[] {
  const unit = unitSuffix(x.aggregation, x.indicatorUnit, language);
  const exact = (value: string | null) => (value === null ? '-' : `${value}${unit}`);
  const facts: [string, Content][] = [
    [t('policy'), `${language === 'en' ? x.policyTitleEn : x.policyTitleZh} (${x.policyCode})`],
    [
      `${t('col.authority')} / ${t('col.confidence')}`,
      `${t(`authority.${x.authority}`)} / ${t(`confidence.${x.confidence}`)}`,
    ],
    [t('method'), x.method],
    [t('baseline'), x.baselinePeriod ? `${x.baselinePeriod}: ${exact(x.baselineValue)}` : '-'],
    [
      `${t('col.threshold')} / ${t('col.deadline')}`,
      `${x.comparator === 'AT_MOST' ? '≤' : '≥'} ${x.threshold}${unit} / ${x.deadline}`,
    ],
    [
      t('col.status'),
      { text: `${t(`status.${x.status}`)} (${x.status})`, color: STATUS_COLOURS[x.status], bold: true },
    ],
    [t('col.measured'), exact(x.measured)],
    [t('numerator'), `${x.numerator ?? '-'} / ${x.denominator ?? '-'}`],
    [t('col.coverage'), x.coverage === null ? '-' : `${x.coverage} %`],
    [t('col.expected'), exact(x.expected)],
    [t('col.projected'), exact(x.projected)],
    [t('explanation'), explain(x, language)],
  ];
  const projection =
    x.projected !== null && x.history.length > 0
      ? [x.history[x.history.length - 1], { period: x.deadline, value: x.projected }]
      : [];
  return [
    {
      unbreakable: true,
      margin: [0, first ? 0 : 10, 0, 0],
      stack: [
        heading(`${x.code} · ${title(x, language)}`, 2),
        {
          columns: [
            {
              width: 330,
              table: { widths: [110, '*'], body: facts.map(([k, v]) => [{ text: k, style: 'label' }, v]) },
              layout: { defaultBorder: false, paddingTop: () => 0.5, paddingBottom: () => 0.5 },
              style: 'facts',
            },
            {
              svg: trajectorySvg(
                {
                  history: x.history,
                  expectedPath: expectedPath(x),
                  projection,
                  threshold: x.threshold,
                  deadline: x.deadline,
                  labels: {
                    measured: t('chart.measured'),
                    expected: t('chart.expected'),
                    projection: t('chart.projection'),
                    threshold: t('chart.threshold'),
                  },
                },
                420,
                175,
              ),
              width: 420,
            },
          ],
          columnGap: 12,
        },
      ],
    },
  ];
}

function provinces(x: TargetSection, t: Strings, language: ReportLanguage): Content[] {
  const name = (r: { nameZh: string; nameEn: string }) => (language === 'en' ? r.nameEn : r.nameZh);
  return [
    heading(`${t('provinces')} · ${x.code}`, 2, true),
    { text: t('provincesIntro'), style: 'note' },
    {
      columns: [
        {
          width: 330,
          ...(table(
            [t('col.rank'), t('col.province'), t('col.status'), t('col.measured'), t('col.coverage')],
            x.byRegion.map((r) => [
              r.rank === null ? '-' : String(r.rank),
              name(r),
              statusCell(r.status, t),
              figure(r.measured, x.aggregation, x.indicatorUnit, language),
              r.coverage === null ? '-' : `${formatDecimal(r.coverage, 1)} %`,
            ]),
            [28, '*', 50, 62, 50],
            { compact: true },
          ) as object),
        },
        {
          svg: barsSvg(
            x.byRegion.map((r) => ({ label: name(r), value: r.status === 'NO_DATA' ? null : r.measured })),
            x.threshold,
            420,
          ),
          width: 420,
        },
      ],
      columnGap: 12,
    },
  ];
}

function dataQuality(data: NationalReportData, t: Strings, language: ReportLanguage): Content[] {
  const name = (r: { nameZh: string; nameEn: string }) => (language === 'en' ? r.nameEn : r.nameZh);
  const rate = (r: { reported: number; registered: number }) =>
    r.registered === 0 ? '-' : `${formatDecimal(String((r.reported / r.registered) * 100), 1)} %`;
  return [
    heading(t('dataQuality'), 1, true),
    { text: t('completenessIntro'), style: 'note' },
    {
      columns: [
        {
          width: 360,
          ...(table(
            [t('col.province'), t('col.inScope'), t('col.reported'), t('col.completeness')],
            data.completeness.map((r) => [
              name(r),
              formatDecimal(String(r.registered), 0),
              formatDecimal(String(r.reported), 0),
              rate(r),
            ]),
            ['*', 60, 60, 70],
            { compact: true },
          ) as object),
        },
        {
          width: '*',
          stack: [
            heading(t('warnings'), 2),
            data.warnings.length === 0
              ? { text: t('noWarnings'), style: 'note' }
              : table(
                  [t('col.indicator'), t('col.count')],
                  data.warnings.map((w) => [w.indicator, String(w.count)]),
                  ['*', 50],
                ),
            ...(data.warningExamples.length
              ? [
                  table(
                    [t('col.hospital'), t('col.indicator'), t('col.message')],
                    data.warningExamples.map((w) => [w.hospital, w.indicator, w.message]),
                    [80, 100, '*'],
                  ),
                ]
              : []),
          ],
        },
      ],
      columnGap: 16,
    },
  ];
}

function appendix(data: NationalReportData, t: Strings, language: ReportLanguage): Content[] {
  return [
    heading(t('appendix'), 1, true),
    heading(t('sources'), 2),
    table(
      [t('policy'), t('col.authority'), t('col.confidence'), t('sources')],
      data.sources.map((s) => [
        { stack: [{ text: s.code, bold: true, fontSize: 7.5 }, language === 'en' ? s.titleEn : s.titleZh] },
        `${t(`authority.${s.authority}`)}\n${s.issuer}, ${s.issuedOn}`,
        t(`confidence.${s.confidence}`),
        {
          stack: [
            s.source,
            ...(s.url ? [{ text: s.url, color: '#1f4e8c' }] : []),
            { text: s.note, style: 'note' },
          ],
        },
      ]),
      [170, 110, 60, '*'],
    ),
    heading(t('operationalisations'), 2),
    table(
      [t('col.target'), t('col.threshold'), t('col.reason'), t('col.status')],
      data.operationalisations.map((o) => [
        {
          stack: [
            { text: o.targetCode, bold: true, fontSize: 7.5 },
            language === 'en' ? o.wordingEn : o.wordingZh,
          ],
        },
        o.threshold,
        o.rationale,
        t(`opStatus.${o.status}`),
      ]),
      [220, 50, '*', 50],
    ),
    heading(t('methodology'), 2),
    {
      text: `${data.snapshot.methodologyVersion}: ${t('methodologyText', { w: data.staleness, h: data.historyMonths })}`,
    },
  ];
}

export function nationalReport(
  data: NationalReportData,
  language: ReportLanguage,
  templateVersion: string,
  onPageCount: (pages: number) => void,
): DocumentDefinition {
  const t = strings(language);
  const reportTitle = t('national.title');
  const { snapshot } = data;
  const content: Content[] = [
    { text: reportTitle, style: 'title' },
    { text: t('national.subtitle'), style: 'subtitle' },
    {
      table: {
        widths: [120, '*'],
        body: [
          [
            { text: t('period'), style: 'label' },
            { text: snapshot.period, bold: true },
          ],
          [{ text: t('dataCutoff'), style: 'label' }, beijingTime(snapshot.dataCutoff)],
          [
            { text: t('generatedFrom'), style: 'label' },
            `${snapshot.id} (${beijingTime(snapshot.createdAt)})`,
          ],
          [{ text: t('methodology'), style: 'label' }, snapshot.methodologyVersion],
          [{ text: t('template'), style: 'label' }, templateVersion],
        ],
      },
      layout: 'noBorders',
    },
    ...(snapshot.synthetic
      ? [{ text: t('syntheticNote'), color: '#b03a2e', bold: true, margin: [0, 16, 0, 0] }]
      : []),
    heading(t('summary'), 2),
    summary(data, t),
    heading(t('targets'), 1, true),
    targetsTable(data, t, language),
    heading(t('targetDetail'), 1, true),
    ...data.targets.flatMap((x, i) => targetDetail(x, t, language, i === 0)),
    ...data.targets.filter((x) => x.byRegion.length > 0).flatMap((x) => provinces(x, t, language)),
    ...dataQuality(data, t, language),
    ...appendix(data, t, language),
  ];
  return frame({ title: reportTitle, snapshot, templateVersion, language, content, t, onPageCount });
}
