import { judgeEligibility, type EligibilityFacts } from './eligibility.js';
import { usccCheckCharacter } from './uscc.js';

const valid = (body: string) => body + usccCheckCharacter(body);
const COMPANY = valid('91110108MA01Y7AA0');
const PROVIDER = valid('91110105MA01Y7CC0');

const facts: EligibilityFacts = {
  companyUscc: COMPANY,
  companyInProgramRegion: true,
  programRegionCode: '110000',
  modelName: 'Lung nodule model',
  modelCategory: 'MEDICAL_IMAGING',
  window: { start: '2025-11-24', end: '2030-12-31' },
  contracts: [
    {
      contractNumber: 'C-1',
      providerUscc: PROVIDER,
      providerName: 'Cloud',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    },
  ],
  affiliatedUsccs: [],
  stacked: [],
  requiredDocuments: ['CONTRACT'],
  documentKinds: ['CONTRACT'],
};

const failed = (f: EligibilityFacts) =>
  judgeEligibility(f)
    .filter((c) => !c.passed)
    .map((c) => c.code);

describe('eligibility', () => {
  it('passes every check for a clean application', () => {
    expect(failed(facts)).toEqual([]);
    expect(judgeEligibility(facts)).toHaveLength(8);
  });

  it.each([
    ['REGISTERED_IN_PROGRAM_REGION', { companyInProgramRegion: false }],
    ['VALID_CREDIT_CODE', { companyUscc: COMPANY.slice(0, 17) + (COMPANY[17] === 'A' ? 'B' : 'A') }],
    ['MEDICAL_AI_MODEL', { modelCategory: 'NON_MEDICAL' }],
    ['CONTRACTS_PRESENT', { contracts: [] }],
    ['CONTRACT_DATES_IN_WINDOW', { contracts: [{ ...facts.contracts[0], startDate: '2025-01-01' }] }],
    ['PROVIDER_NOT_AFFILIATED', { affiliatedUsccs: [PROVIDER] }],
    ['PROVIDER_NOT_AFFILIATED', { contracts: [{ ...facts.contracts[0], providerUscc: COMPANY }] }],
    [
      'NOT_ALREADY_SUBSIDISED',
      { stacked: [{ number: 'C-1', kind: 'contract' as const, applicationId: 'x', programCode: 'P' }] },
    ],
    ['REQUIRED_DOCUMENTS', { requiredDocuments: ['CONTRACT', 'INVOICE'] }],
  ])('fails only %s when that rule is broken', (code, change) => {
    const result = judgeEligibility({ ...facts, ...change });
    expect(result.filter((c) => !c.passed).map((c) => c.code)).toEqual([code]);
    expect(result.find((c) => c.code === code)!.reason.length).toBeGreaterThan(10);
  });
});
