import { Decimal } from 'decimal.js';
import { monthsBetween } from '../common/periods.js';
import type { Aggregation, Comparator, ScoringMethod } from '../policies/target-version.entity.js';
import {
  DECIMALS,
  GROWTH_AT_RISK,
  GROWTH_ON_TRACK,
  MIN_PROJECTION_POINTS,
  type ComplianceStatus,
} from './methodology.js';

/** Scoring arithmetic in decimal, never in binary floating point: 40 significant digits, then rounded to 6 decimals. */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;
const round = (value: Dec): Dec => value.toDecimalPlaces(DECIMALS, Decimal.ROUND_HALF_UP);

export interface TargetSpec {
  aggregation: Aggregation;
  comparator: Comparator;
  threshold: string;
  /** YYYY-MM-01 */
  baselinePeriod: string | null;
  baselineValue: string | null;
  deadline: string;
  milestones: { period: string; value: string }[];
  method: ScoringMethod;
  tolerance: string;
  minCoverage: string;
  /** Computed from the ledger: complete by construction. */
  ledger: boolean;
}

/** What the measurement statement returns for one target, region and month. */
export interface MonthAggregate {
  inScope: number;
  reporting: number;
  yes: number;
  total: string | null;
  maximum: string | null;
  numerator: string | null;
  denominator: string | null;
}

export interface Measurement {
  value: Dec | null;
  numerator: Dec | null;
  denominator: Dec | null;
  coverage: Dec | null;
  reporting: number;
  inScope: number;
  /** Enough units reported for the value to count. */
  usable: boolean;
}

export interface HistoryPoint {
  period: string;
  value: string;
}

export interface Score {
  status: ComplianceStatus;
  method: ScoringMethod;
  measured: Measurement;
  baseline: Dec | null;
  expected: Dec | null;
  projected: Dec | null;
  projectionPoints: number;
  growthRatio: Dec | null;
  explanation: string;
}

const HUNDRED = new D(100);

export function measure(spec: TargetSpec, a: MonthAggregate | undefined): Measurement {
  const inScope = a?.inScope ?? 0;
  const reporting = a?.reporting ?? 0;
  const coverage = spec.ledger ? HUNDRED : inScope > 0 ? round(new D(reporting).div(inScope).mul(100)) : null;
  let value: Dec | null = null;
  let numerator: Dec | null = null;
  let denominator: Dec | null = null;
  if (a && (reporting > 0 || spec.ledger)) {
    switch (spec.aggregation) {
      case 'SHARE':
        numerator = new D(a.yes);
        denominator = new D(reporting);
        value = round(numerator.div(denominator).mul(100));
        break;
      case 'COUNT':
        numerator = new D(a.yes);
        value = numerator;
        break;
      case 'SUM':
        value = a.total === null ? null : new D(a.total);
        break;
      case 'MEAN':
        numerator = a.total === null ? null : new D(a.total);
        denominator = new D(reporting);
        value = numerator && round(numerator.div(denominator));
        break;
      case 'MAX':
        value = a.maximum === null ? null : new D(a.maximum);
        break;
      case 'REGION_RATIO':
        if (a.numerator !== null && a.denominator !== null && new D(a.denominator).gt(0)) {
          numerator = new D(a.numerator);
          denominator = new D(a.denominator);
          value = round(numerator.div(denominator).mul(100));
        }
        break;
    }
  }
  const usable =
    value !== null && (spec.ledger || reporting > 0) && coverage !== null && coverage.gte(spec.minCoverage);
  return { value, numerator, denominator, coverage, reporting, inScope, usable };
}

function meets(spec: TargetSpec, value: Dec, goal: Dec): boolean {
  return spec.comparator === 'AT_LEAST' ? value.gte(goal) : value.lte(goal);
}

function fmt(value: Dec | null): string {
  return value === null ? 'n/a' : value.toString();
}

/** The expected value at the period on the straight line, or on the line through the milestones. */
export function expectedValue(spec: TargetSpec, baseline: Dec | null, period: string): Dec | null {
  if (baseline === null || spec.baselinePeriod === null) return null;
  const knots: { at: number; value: Dec }[] = [{ at: 0, value: baseline }];
  if (spec.method === 'PIECEWISE') {
    for (const m of [...spec.milestones].sort((x, y) => x.period.localeCompare(y.period))) {
      const at = monthsBetween(spec.baselinePeriod, m.period);
      if (at > 0 && m.period < spec.deadline) knots.push({ at, value: new D(m.value) });
    }
  }
  knots.push({ at: monthsBetween(spec.baselinePeriod, spec.deadline), value: new D(spec.threshold) });
  const t = monthsBetween(spec.baselinePeriod, period);
  if (t <= 0) return baseline;
  for (let i = 1; i < knots.length; i++) {
    const [from, to] = [knots[i - 1], knots[i]];
    if (t <= to.at) {
      return round(
        from.value.add(
          to.value
            .sub(from.value)
            .mul(t - from.at)
            .div(to.at - from.at),
        ),
      );
    }
  }
  return new D(spec.threshold);
}

/**
 * Least squares through (month index, value), evaluated at the deadline and kept within what the aggregation can
 * take (0 to 100 for shares); null with fewer than three points.
 */
export function projectToDeadline(spec: TargetSpec, history: HistoryPoint[]): Dec | null {
  if (history.length < MIN_PROJECTION_POINTS) return null;
  const origin = history[0].period;
  const xs = history.map((p) => new D(monthsBetween(origin, p.period)));
  const ys = history.map((p) => new D(p.value));
  const n = new D(history.length);
  const meanX = xs.reduce((s, x) => s.add(x), new D(0)).div(n);
  const meanY = ys.reduce((s, y) => s.add(y), new D(0)).div(n);
  let sxy = new D(0);
  let sxx = new D(0);
  xs.forEach((x, i) => {
    sxy = sxy.add(x.sub(meanX).mul(ys[i].sub(meanY)));
    sxx = sxx.add(x.sub(meanX).pow(2));
  });
  if (sxx.isZero()) return null;
  const slope = sxy.div(sxx);
  const atDeadline = new D(monthsBetween(origin, spec.deadline));
  let projected = meanY.add(slope.mul(atDeadline.sub(meanX)));
  // A trend cannot take a share above 100 % or a count below zero.
  if (projected.lt(0)) projected = new D(0);
  if (['SHARE', 'REGION_RATIO'].includes(spec.aggregation) && projected.gt(100)) projected = new D(100);
  return round(projected);
}

/**
 * Open SDG progress measure: observed compound growth since the baseline over the compound growth required to
 * reach the threshold by the deadline. Null when it is undefined (zero baseline, no time elapsed, sign change).
 */
export function growthRatio(spec: TargetSpec, baseline: Dec | null, value: Dec, period: string): Dec | null {
  if (baseline === null || baseline.isZero() || spec.baselinePeriod === null) return null;
  const elapsed = monthsBetween(spec.baselinePeriod, period);
  const span = monthsBetween(spec.baselinePeriod, spec.deadline);
  const observedFactor = value.div(baseline);
  const requiredFactor = new D(spec.threshold).div(baseline);
  if (elapsed <= 0 || observedFactor.lte(0) || requiredFactor.lte(0)) return null;
  const required = requiredFactor.pow(new D(1).div(span)).sub(1);
  if (required.isZero()) return null;
  const observed = observedFactor.pow(new D(1).div(elapsed)).sub(1);
  return round(observed.div(required));
}

/**
 * DESIGN.md section 4, in this order: NO_DATA (coverage below the minimum, or nothing reported), ACHIEVED, MISSED
 * (after the deadline month), then ON_TRACK / AT_RISK / OFF_TRACK by the target's method.
 */
export function score(
  spec: TargetSpec,
  period: string,
  measured: Measurement,
  baselineMeasured: Measurement | null,
  history: HistoryPoint[],
): Score {
  const threshold = new D(spec.threshold);
  const baseline =
    spec.baselineValue !== null
      ? new D(spec.baselineValue)
      : baselineMeasured?.usable
        ? baselineMeasured.value
        : spec.baselinePeriod === period && measured.usable
          ? measured.value
          : null;
  const growthApplies = spec.method === 'GROWTH_RATIO' && baseline !== null && !baseline.isZero();
  const method: ScoringMethod = spec.method === 'GROWTH_RATIO' && !growthApplies ? 'LINEAR' : spec.method;
  const expected = growthApplies
    ? compoundPath(spec, baseline, period)
    : expectedValue({ ...spec, method }, baseline, period);
  const projected = projectToDeadline(spec, history);
  const base = {
    method,
    measured,
    baseline,
    expected,
    projected,
    projectionPoints: history.length,
    growthRatio: null as Dec | null,
  };
  const value = measured.value;
  const op = spec.comparator === 'AT_LEAST' ? '>=' : '<=';

  if (!measured.usable || value === null) {
    const why =
      measured.reporting === 0
        ? 'no unit reported'
        : `coverage ${fmt(measured.coverage)} % is below the minimum ${spec.minCoverage} %`;
    return { ...base, status: 'NO_DATA', explanation: `NO_DATA: ${why}.` };
  }
  if (meets(spec, value, threshold)) {
    return {
      ...base,
      status: 'ACHIEVED',
      explanation: `ACHIEVED: measured ${fmt(value)} ${op} threshold ${spec.threshold}.`,
    };
  }
  if (period > spec.deadline) {
    return {
      ...base,
      status: 'MISSED',
      explanation: `MISSED: the deadline ${spec.deadline.slice(0, 7)} has passed and measured ${fmt(value)} does not meet ${spec.threshold}.`,
    };
  }
  if (growthApplies) {
    const ratio = growthRatio(spec, baseline, value, period);
    if (ratio !== null) {
      const status: ComplianceStatus = ratio.gte(GROWTH_ON_TRACK)
        ? 'ON_TRACK'
        : ratio.gte(GROWTH_AT_RISK)
          ? 'AT_RISK'
          : 'OFF_TRACK';
      return {
        ...base,
        growthRatio: ratio,
        status,
        explanation: `${status}: observed over required compound growth R = ${fmt(ratio)} (on track from ${GROWTH_ON_TRACK}, at risk from ${GROWTH_AT_RISK}).`,
      };
    }
  }
  const tolerance = new D(spec.tolerance);
  if (expected !== null) {
    const onTrack =
      spec.comparator === 'AT_LEAST'
        ? value.gte(expected.sub(tolerance))
        : value.lte(expected.add(tolerance));
    if (onTrack) {
      return {
        ...base,
        status: 'ON_TRACK',
        explanation: `ON_TRACK: measured ${fmt(value)} ${op} expected ${fmt(expected)} ${spec.comparator === 'AT_LEAST' ? '-' : '+'} tolerance ${spec.tolerance}.`,
      };
    }
  }
  const behind =
    expected === null
      ? 'no expected value (no baseline)'
      : `measured ${fmt(value)} is behind expected ${fmt(expected)}`;
  if (projected === null) {
    return {
      ...base,
      status: 'OFF_TRACK',
      explanation: `OFF_TRACK: ${behind}; fewer than ${MIN_PROJECTION_POINTS} monthly values (${history.length}) to project from.`,
    };
  }
  const reaches = meets(spec, projected, threshold);
  return {
    ...base,
    status: reaches ? 'AT_RISK' : 'OFF_TRACK',
    explanation: `${reaches ? 'AT_RISK' : 'OFF_TRACK'}: ${behind}; the trend over ${history.length} months projects ${fmt(projected)} at ${spec.deadline.slice(0, 7)}, which ${reaches ? 'meets' : 'does not meet'} ${spec.threshold}.`,
  };
}

/** Expected value on the compound-growth path from the baseline to the threshold. */
function compoundPath(spec: TargetSpec, baseline: Dec, period: string): Dec | null {
  if (spec.baselinePeriod === null) return null;
  const span = monthsBetween(spec.baselinePeriod, spec.deadline);
  const t = Math.min(Math.max(monthsBetween(spec.baselinePeriod, period), 0), span);
  const factor = new D(spec.threshold).div(baseline);
  if (factor.lte(0)) return null;
  return round(baseline.mul(factor.pow(new D(t).div(span))));
}

export { D as ScoringDecimal };
