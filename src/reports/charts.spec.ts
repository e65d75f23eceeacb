import { barsSvg, niceMax, trajectorySvg } from './charts.js';
import { explain } from './national-report.js';
import type { TargetSection } from './report-data.js';

describe('report charts', () => {
  it('rounds an axis up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([niceMax(0), niceMax(7), niceMax(19), niceMax(21), niceMax(30_000_000)]).toEqual([
      1, 10, 20, 25, 50_000_000,
    ]);
  });

  it('draws the same SVG for the same figures, with the threshold and escaped labels', () => {
    const chart = {
      history: [
        { period: '2026-01', value: '10' },
        { period: '2026-02', value: '20' },
      ],
      expectedPath: [
        { period: '2026-01', value: '0' },
        { period: '2027-01', value: '100' },
      ],
      projection: [
        { period: '2026-02', value: '20' },
        { period: '2027-01', value: '80' },
      ],
      threshold: '100',
      deadline: '2027-01',
      labels: { measured: 'A<B', expected: '预期', projection: 'p', threshold: 't' },
    };
    const svg = trajectorySvg(chart);
    expect(svg).toBe(trajectorySvg(structuredClone(chart)));
    expect(svg).toContain('A&lt;B');
    expect(svg.match(/<circle/g)).toHaveLength(2);
    expect(
      barsSvg(
        [
          { label: '北京', value: '40' },
          { label: '上海', value: null },
        ],
        '50',
      ),
    ).toContain('北京');
  });
});

describe('Chinese explanation of a status', () => {
  const base = {
    status: 'AT_RISK',
    comparator: 'AT_LEAST',
    measured: '40',
    expected: '50',
    projected: '100',
    threshold: '100',
    deadline: '2027-01',
    projectionPoints: 3,
    growthRatio: null,
    tolerance: '0',
    coverage: '100',
    minCoverage: '60',
    explanation: 'AT_RISK: measured 40 is behind expected 50',
  } as unknown as TargetSection;

  it('names the same figures as the stored English explanation', () => {
    expect(explain(base, 'en')).toBe(base.explanation);
    const zh = explain(base, 'zh-CN');
    for (const figure of ['40', '50', '100', '2027-01', '3 个月']) expect(zh).toContain(figure);
    expect(
      explain({ ...base, status: 'OFF_TRACK', projected: null, projectionPoints: 2 }, 'zh-CN'),
    ).toContain('无法预测');
    expect(explain({ ...base, status: 'NO_DATA', coverage: '50' }, 'zh-CN')).toContain('50%');
  });
});
