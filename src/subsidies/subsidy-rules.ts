import { Decimal } from 'decimal.js';

/**
 * The subsidy rules of DESIGN.md section 5 as plain functions of plain inputs, so that they are tested on their
 * own and the service only gathers the inputs. Money is yuan as decimal strings with two decimals (fen);
 * arithmetic is decimal.js, never a JavaScript number.
 */
export const APPLICATION_STATES = [
  'DRAFT',
  'SUBMITTED',
  'UNDER_REVIEW',
  'APPROVED',
  'REJECTED',
  'WITHDRAWN',
  'REDEMPTION_SUBMITTED',
  'PAID',
  'CLAWED_BACK',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const TRANSITION_ACTIONS = [
  'SUBMIT',
  'WITHDRAW',
  'START_REVIEW',
  'APPROVE',
  'REJECT',
  'SUBMIT_REDEMPTION',
  'RECORD_PAYMENT',
  'CLAW_BACK',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/** The only transitions that exist: from state, by action, to state, and who may take it. */
export const TRANSITIONS: Record<
  TransitionAction,
  { from: ApplicationState[]; to: ApplicationState; by: 'COMPANY' | 'REGULATOR' }
> = {
  SUBMIT: { from: ['DRAFT'], to: 'SUBMITTED', by: 'COMPANY' },
  WITHDRAW: { from: ['DRAFT', 'SUBMITTED'], to: 'WITHDRAWN', by: 'COMPANY' },
  START_REVIEW: { from: ['SUBMITTED'], to: 'UNDER_REVIEW', by: 'REGULATOR' },
  APPROVE: { from: ['UNDER_REVIEW'], to: 'APPROVED', by: 'REGULATOR' },
  REJECT: { from: ['UNDER_REVIEW'], to: 'REJECTED', by: 'REGULATOR' },
  SUBMIT_REDEMPTION: { from: ['APPROVED'], to: 'REDEMPTION_SUBMITTED', by: 'COMPANY' },
  RECORD_PAYMENT: { from: ['REDEMPTION_SUBMITTED'], to: 'PAID', by: 'REGULATOR' },
  CLAW_BACK: { from: ['PAID'], to: 'CLAWED_BACK', by: 'REGULATOR' },
};

export function nextState(state: ApplicationState, action: TransitionAction): ApplicationState | null {
  const transition = TRANSITIONS[action];
  return transition.from.includes(state) ? transition.to : null;
}

/** A money amount as given by a client: digits with at most two decimals, positive. */
export const MONEY = /^(?!0(\.0{1,2})?$)(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

export function money(value: string | number): string {
  return new Decimal(value).toFixed(2);
}

export interface AmountInputs {
  rate: string;
  eligibleCost: string;
  perClaimCap: string | null;
  companyCapRemaining: string | null;
  poolRemaining: string | null;
}

export interface AmountResult {
  /** rate x eligible cost, rounded down to the fen: a rule never pays a fraction of a fen more than it says. */
  byRate: string;
  amount: string;
  /** Which limit decided the amount. */
  limitedBy: 'RATE' | 'PER_CLAIM_CAP' | 'COMPANY_CAP' | 'POOL';
}

/** min(rate x eligible cost, per-claim cap, company cap remaining, pool remaining), never below zero. */
export function subsidyAmount(inputs: AmountInputs): AmountResult {
  const byRate = new Decimal(inputs.eligibleCost).times(inputs.rate).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const candidates: [AmountResult['limitedBy'], Decimal][] = [['RATE', byRate]];
  if (inputs.perClaimCap !== null) candidates.push(['PER_CLAIM_CAP', new Decimal(inputs.perClaimCap)]);
  if (inputs.companyCapRemaining !== null)
    candidates.push(['COMPANY_CAP', new Decimal(inputs.companyCapRemaining)]);
  if (inputs.poolRemaining !== null) candidates.push(['POOL', new Decimal(inputs.poolRemaining)]);
  let [limitedBy, amount] = candidates[0];
  for (const [name, value] of candidates.slice(1)) {
    if (value.lessThan(amount)) [limitedBy, amount] = [name, value];
  }
  return { byRate: byRate.toFixed(2), amount: Decimal.max(amount, 0).toFixed(2), limitedBy };
}
