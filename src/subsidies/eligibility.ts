import { isValidUscc } from './uscc.js';

/** The facts one application is judged on, gathered by the service in a few queries. */
export interface EligibilityFacts {
  companyUscc: string;
  companyInProgramRegion: boolean;
  programRegionCode: string;
  modelName: string;
  modelCategory: string;
  window: { start: string; end: string };
  contracts: {
    contractNumber: string;
    providerUscc: string;
    providerName: string;
    startDate: string;
    endDate: string;
  }[];
  affiliatedUsccs: string[];
  /** Contract or invoice numbers of this application already claimed by another live application. */
  stacked: { number: string; kind: 'contract' | 'invoice'; applicationId: string; programCode: string }[];
  requiredDocuments: string[];
  documentKinds: string[];
}

export const ELIGIBILITY_CHECKS = [
  'REGISTERED_IN_PROGRAM_REGION',
  'VALID_CREDIT_CODE',
  'MEDICAL_AI_MODEL',
  'CONTRACTS_PRESENT',
  'CONTRACT_DATES_IN_WINDOW',
  'PROVIDER_NOT_AFFILIATED',
  'NOT_ALREADY_SUBSIDISED',
  'REQUIRED_DOCUMENTS',
] as const;
export type EligibilityCheckCode = (typeof ELIGIBILITY_CHECKS)[number];

export interface EligibilityCheck {
  code: EligibilityCheckCode;
  passed: boolean;
  reason: string;
}

/** Every rule of DESIGN.md section 5, each reported separately with its reason, pass or fail. */
export function judgeEligibility(f: EligibilityFacts): EligibilityCheck[] {
  const check = (
    code: EligibilityCheckCode,
    passed: boolean,
    pass: string,
    fail: string,
  ): EligibilityCheck => ({
    code,
    passed,
    reason: passed ? pass : fail,
  });
  const outside = f.contracts.filter((c) => c.startDate < f.window.start || c.endDate > f.window.end);
  const affiliated = f.contracts.filter(
    (c) => c.providerUscc === f.companyUscc || f.affiliatedUsccs.includes(c.providerUscc),
  );
  const missing = f.requiredDocuments.filter((kind) => !f.documentKinds.includes(kind));
  return [
    check(
      'REGISTERED_IN_PROGRAM_REGION',
      f.companyInProgramRegion,
      `the company is registered in region ${f.programRegionCode}`,
      `the company is not registered in the programme's region ${f.programRegionCode}`,
    ),
    check(
      'VALID_CREDIT_CODE',
      isValidUscc(f.companyUscc),
      'the unified social credit code and its check character are valid',
      `the unified social credit code ${f.companyUscc} fails its check character (GB 32100-2015)`,
    ),
    check(
      'MEDICAL_AI_MODEL',
      f.modelCategory !== 'NON_MEDICAL' && f.modelName.trim().length > 0,
      `"${f.modelName}" is a medical AI model (${f.modelCategory})`,
      'the programme funds medical AI models only',
    ),
    check(
      'CONTRACTS_PRESENT',
      f.contracts.length > 0,
      `${f.contracts.length} compute contract(s)`,
      'no compute contract is given',
    ),
    check(
      'CONTRACT_DATES_IN_WINDOW',
      outside.length === 0,
      `every contract runs within ${f.window.start} to ${f.window.end}`,
      `contract(s) ${outside.map((c) => c.contractNumber).join(', ')} run outside ${f.window.start} to ${f.window.end}`,
    ),
    check(
      'PROVIDER_NOT_AFFILIATED',
      affiliated.length === 0,
      'no compute provider is affiliated with the applicant',
      `provider(s) ${affiliated.map((c) => c.providerName).join(', ')} are affiliated with the applicant`,
    ),
    check(
      'NOT_ALREADY_SUBSIDISED',
      f.stacked.length === 0,
      'no contract or invoice is claimed by another application in any recorded programme',
      f.stacked
        .map(
          (s) =>
            `${s.kind} ${s.number} is already claimed by application ${s.applicationId} (${s.programCode})`,
        )
        .join('; '),
    ),
    check(
      'REQUIRED_DOCUMENTS',
      missing.length === 0,
      `documents present: ${f.requiredDocuments.join(', ') || 'none required'}`,
      `missing document(s): ${missing.join(', ')}`,
    ),
  ];
}
