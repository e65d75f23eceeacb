import {
  money,
  nextState,
  subsidyAmount,
  TRANSITIONS,
  APPLICATION_STATES,
  type TransitionAction,
} from './subsidy-rules.js';

describe('subsidy amounts', () => {
  const base = {
    rate: '0.3',
    eligibleCost: '1000000.00',
    perClaimCap: null,
    companyCapRemaining: null,
    poolRemaining: null,
  };

  it('pays rate x eligible cost when no limit is lower', () => {
    expect(subsidyAmount(base)).toEqual({ byRate: '300000.00', amount: '300000.00', limitedBy: 'RATE' });
  });

  it('rounds down to the fen, exactly, where a float would drift', () => {
    // 0.1 + 0.2 style trap: 0.3 x 0.07 = 0.021 -> 0.02; 20 % of 3333333.33 = 666666.666 -> 666666.66
    expect(subsidyAmount({ ...base, eligibleCost: '0.07' }).amount).toBe('0.02');
    expect(subsidyAmount({ ...base, rate: '0.2', eligibleCost: '3333333.33' }).amount).toBe('666666.66');
    expect(subsidyAmount({ ...base, rate: '0.3', eligibleCost: '100000000000000.01' }).amount).toBe(
      '30000000000000.00',
    );
  });

  it('is limited by the lowest of the caps and the pool, and says which', () => {
    expect(subsidyAmount({ ...base, perClaimCap: '200000.00' })).toMatchObject({
      amount: '200000.00',
      limitedBy: 'PER_CLAIM_CAP',
    });
    expect(
      subsidyAmount({ ...base, perClaimCap: '200000.00', companyCapRemaining: '150000.00' }),
    ).toMatchObject({
      amount: '150000.00',
      limitedBy: 'COMPANY_CAP',
    });
    expect(
      subsidyAmount({ ...base, companyCapRemaining: '150000.00', poolRemaining: '99.99' }),
    ).toMatchObject({
      amount: '99.99',
      limitedBy: 'POOL',
    });
  });

  it('hits a cap exactly and never goes below zero when a pool is exhausted', () => {
    expect(subsidyAmount({ ...base, perClaimCap: '300000.00' })).toMatchObject({
      amount: '300000.00',
      limitedBy: 'RATE',
    });
    expect(subsidyAmount({ ...base, poolRemaining: '0.00' })).toMatchObject({
      amount: '0.00',
      limitedBy: 'POOL',
    });
    expect(subsidyAmount({ ...base, poolRemaining: '-5.00' }).amount).toBe('0.00');
  });

  it('formats money with two decimals', () => {
    expect(money('12')).toBe('12.00');
    expect(money('12.5')).toBe('12.50');
  });
});

describe('application lifecycle', () => {
  it('allows exactly the listed transitions and nothing else', () => {
    let allowed = 0;
    for (const state of APPLICATION_STATES) {
      for (const action of Object.keys(TRANSITIONS) as TransitionAction[]) {
        const to = nextState(state, action);
        if (TRANSITIONS[action].from.includes(state)) {
          expect(to).toBe(TRANSITIONS[action].to);
          allowed++;
        } else {
          expect(to).toBeNull();
        }
      }
    }
    expect(allowed).toBe(9);
    expect(nextState('PAID', 'APPROVE')).toBeNull();
    expect(nextState('REJECTED', 'SUBMIT')).toBeNull();
    expect(nextState('CLAWED_BACK', 'CLAW_BACK')).toBeNull();
  });
});
