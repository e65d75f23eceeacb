import { isValidUscc, usccCheckCharacter } from './uscc.js';

describe('unified social credit code', () => {
  // Codes printed as examples in public explanations of GB 32100-2015.
  it.each(['91110000802100433B', '91350100M000100Y43', '9144030071526726XG'])('accepts %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidUscc('91110000802100433C')).toBe(false);
  });

  it('rejects letters outside the alphabet and wrong lengths', () => {
    expect(isValidUscc('91110000802100433I')).toBe(false);
    expect(isValidUscc('9111000080210043')).toBe(false);
    expect(isValidUscc('91110000802100433b')).toBe(false);
  });

  it('computes the check character that makes a code valid', () => {
    const body = '91110108MA01ABCDE';
    expect(isValidUscc(body + usccCheckCharacter(body))).toBe(true);
  });
});
