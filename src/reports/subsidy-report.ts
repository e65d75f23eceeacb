import type { Content, DocumentDefinition } from 'pdfmake';
import {
  beijingTime,
  formatDecimal,
  frame,
  heading,
  STATUS_COLOURS,
  strings,
  table,
  type Strings,
} from './layout.js';
import { APPLICATION_STATES } from '../subsidies/subsidy-rules.js';
import type { ReportLanguage, SubsidyReportData } from './report-data.js';

const money = (value: string | null) => formatDecimal(value, 2);

/** States down, programmes across: one row per state, so a programme's pipeline reads as a column. */
function byStateTable(data: SubsidyReportData, t: Strings, language: ReportLanguage): Content {
  const programmes = data.programmes.filter((p) => data.byState.some((s) => s.programme === p.code));
  const count = (programme: string, state: string) =>
    data.byState.find((s) => s.programme === programme && s.state === state)?.count ?? 0;
  return table(
    [t('col.state'), ...programmes.map((p) => (language === 'en' ? p.nameEn : p.nameZh))],
    [
      ...APPLICATION_STATES.map((state) => [
        t(`state.${state}`),
        ...programmes.map((p) => String(count(p.code, state))),
      ]),
      [
        { text: t('col.applications'), bold: true },
        ...programmes.map((p) => ({
          text: String(APPLICATION_STATES.reduce((n, state) => n + count(p.code, state), 0)),
          bold: true,
        })),
      ],
    ],
    [160, ...programmes.map(() => '*')],
  );
}

export function subsidyReport(
  data: SubsidyReportData,
  language: ReportLanguage,
  templateVersion: string,
  onPageCount: (pages: number) => void,
): DocumentDefinition {
  const t = strings(language);
  const reportTitle = t('subsidy.title');
  const { snapshot } = data;
  const name = (p: { nameZh: string; nameEn: string }) => (language === 'en' ? p.nameEn : p.nameZh);
  const programmeName = (code: string) => {
    const p = data.programmes.find((x) => x.code === code);
    return p ? name(p) : code;
  };
  const content: Content[] = [
    { text: reportTitle, style: 'title' },
    { text: t('subsidy.subtitle'), style: 'subtitle' },
    {
      table: {
        widths: [120, '*'],
        body: [
          [
            { text: t('period'), style: 'label' },
            { text: snapshot.period, bold: true },
          ],
          [{ text: t('dataCutoff'), style: 'label' }, `${beijingTime(snapshot.dataCutoff)} · ${t('asOf')}`],
          [{ text: t('generatedFrom'), style: 'label' }, snapshot.id],
          [{ text: t('template'), style: 'label' }, templateVersion],
        ],
      },
      layout: 'noBorders',
    },
    ...(snapshot.synthetic
      ? [{ text: t('syntheticNote'), color: '#b03a2e', bold: true, margin: [0, 12, 0, 0] }]
      : []),
    heading(t('ledger'), 1),
    table(
      [
        t('programme'),
        t('ledger.pool'),
        t('ledger.approved'),
        t('ledger.reserved'),
        t('ledger.paid'),
        t('ledger.clawedBack'),
        t('ledger.remaining'),
      ],
      data.programmes.map((p) => [
        { stack: [{ text: p.code, bold: true, fontSize: 7.5 }, `${name(p)} (${p.budgetYear})`] },
        p.pool === null ? { text: t('ledger.noPool'), style: 'note' } : money(p.pool),
        money(p.approved),
        money(p.reserved),
        money(p.paid),
        money(p.clawedBack),
        money(p.remaining),
      ]),
      ['*', 80, 80, 90, 80, 70, 80],
    ),
    ...(data.cap
      ? [
          heading(`${t('capCheck')} · ${data.cap.code}`, 2),
          {
            text: [
              {
                text: `${t(`status.${data.cap.status}`)} (${data.cap.status}) `,
                bold: true,
                color: STATUS_COLOURS[data.cap.status],
              },
              `${t('col.measured')} ${money(data.cap.measured)} / ${t('col.threshold')} ${money(data.cap.threshold)}. ${data.cap.explanation}`,
            ],
          },
        ]
      : []),
    { unbreakable: true, stack: [heading(t('byState'), 2), byStateTable(data, t, language)] },
    heading(t('byCompany'), 1, true),
    table(
      [
        t('programme'),
        t('col.company'),
        t('col.applications'),
        t('ledger.approved'),
        t('ledger.paid'),
        t('ledger.clawedBack'),
      ],
      data.byCompany.map((c) => [
        programmeName(c.programme),
        c.company,
        String(c.applications),
        money(c.approved),
        money(c.paid),
        money(c.clawedBack),
      ]),
      [150, '*', 60, 80, 80, 70],
    ),
    heading(t('processing'), 2),
    table(
      [t('programme'), t('processing.decided'), t('processing.median'), t('processing.max')],
      data.processing.map((p) => [
        programmeName(p.programme),
        String(p.decided),
        p.medianDays ?? '-',
        p.maxDays ?? '-',
      ]),
      ['*', 70, 80, 80],
    ),
    heading(t('rejections'), 2),
    data.rejections.length === 0
      ? { text: t('noRejections'), style: 'note' }
      : table(
          [t('programme'), t('col.company'), t('col.reason')],
          data.rejections.map((r) => [programmeName(r.programme), `${r.company}\n${r.model}`, r.reason]),
          [150, 220, '*'],
        ),
    heading(t('stacking'), 2),
    data.stacking.length === 0
      ? { text: t('noStacking'), style: 'note' }
      : table(
          [t('col.contract'), t('col.claimedBy')],
          data.stacking.map((s) => [s.number, s.applications.join('\n')]),
          [160, '*'],
        ),
  ];
  return frame({ title: reportTitle, snapshot, templateVersion, language, content, t, onPageCount });
}
