import {
  expectedValue,
  growthRatio,
  measure,
  projectToDeadline,
  score,
  ScoringDecimal as D,
  type TargetSpec,
} from './rules.js';

const spec = (over: Partial<TargetSpec> = {}): TargetSpec => ({
  aggregation: 'SHARE',
  comparator: 'AT_LEAST',
  threshold: '100',
  baselinePeriod: '2026-01-01',
  baselineValue: '0',
  deadline: '2027-01-01',
  milestones: [],
  method: 'LINEAR',
  tolerance: '0',
  minCoverage: '60',
  ledger: false,
  ...over,
});

const agg = (yes: number, reporting: number, inScope = reporting) => ({
  inScope,
  reporting,
  yes,
  total: String(yes),
  maximum: yes > 0 ? '1' : '0',
  numerator: null,
  denominator: null,
});

describe('scoring rules', () => {
  it('measures a share exactly, with its numerator, denominator and coverage', () => {
    const m = measure(spec(), agg(1, 3, 4));
    expect(m.value?.toString()).toBe('33.333333');
    expect([m.numerator?.toString(), m.denominator?.toString(), m.coverage?.toString()]).toEqual([
      '1',
      '3',
      '75',
    ]);
    expect(m.usable).toBe(true);
    expect(measure(spec(), agg(1, 2, 4)).usable).toBe(false);
  });

  it('puts the expected value on the straight line from a zero baseline', () => {
    expect(expectedValue(spec(), new D(0), '2026-07-01')?.toString()).toBe('50');
    expect(expectedValue(spec(), new D(0), '2025-10-01')?.toString()).toBe('0');
    expect(expectedValue(spec(), new D(0), '2027-06-01')?.toString()).toBe('100');
  });

  it('interpolates between milestones for the piecewise method', () => {
    const piecewise = spec({
      method: 'PIECEWISE',
      threshold: '90',
      milestones: [{ period: '2026-04-01', value: '60' }],
    });
    expect(expectedValue(piecewise, new D(0), '2026-03-01')?.toString()).toBe('40');
    expect(expectedValue(piecewise, new D(0), '2026-07-01')?.toString()).toBe('70');
  });

  it('projects by least squares and keeps a share within 100 %', () => {
    const history = ['2026-05-01', '2026-06-01', '2026-07-01'].map((period, i) => ({
      period,
      value: String(20 + 10 * i),
    }));
    expect(projectToDeadline(spec({ deadline: '2026-12-01' }), history)?.toString()).toBe('90');
    expect(projectToDeadline(spec(), history.slice(0, 2))).toBeNull();
    const steep = history.map((p, i) => ({ ...p, value: String(40 + 20 * i) }));
    expect(projectToDeadline(spec(), steep)?.toString()).toBe('100');
  });

  it('computes the Open SDG growth ratio', () => {
    const growth = spec({
      method: 'GROWTH_RATIO',
      baselineValue: '10',
      threshold: '40',
      deadline: '2028-01-01',
    });
    // observed (20/10)^(1/6) - 1 over required (40/10)^(1/24) - 1
    const expected = new D(2)
      .pow(new D(1).div(6))
      .sub(1)
      .div(new D(4).pow(new D(1).div(24)).sub(1));
    expect(growthRatio(growth, new D(10), new D(20), '2026-07-01')?.toString()).toBe(
      expected.toDecimalPlaces(6).toString(),
    );
    expect(growthRatio(growth, new D(0), new D(20), '2026-07-01')).toBeNull();
  });

  it('orders the statuses: NO_DATA, ACHIEVED, MISSED, then the trajectory', () => {
    const s = spec({ deadline: '2026-06-01' });
    const full = measure(s, agg(10, 10));
    expect(score(s, '2026-07-01', measure(s, agg(10, 10, 20)), null, []).status).toBe('NO_DATA');
    expect(score(s, '2026-07-01', { ...full, value: new D(100) }, null, []).status).toBe('ACHIEVED');
    expect(score(s, '2026-07-01', measure(s, agg(5, 10)), null, []).status).toBe('MISSED');
  });

  it('mirrors the rules for an "at most" target', () => {
    const atMost = spec({ comparator: 'AT_MOST', aggregation: 'MEAN', baselineValue: '50', threshold: '20' });
    const mean = (total: string) => ({ ...agg(0, 1), total });
    expect(score(atMost, '2026-07-01', measure(atMost, mean('35')), null, []).status).toBe('ON_TRACK');
    expect(score(atMost, '2026-07-01', measure(atMost, mean('36')), null, []).status).toBe('OFF_TRACK');
    expect(score(atMost, '2026-07-01', measure(atMost, mean('20')), null, []).status).toBe('ACHIEVED');
  });
});
