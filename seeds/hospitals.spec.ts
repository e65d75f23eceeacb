import { apportion, generateHospitals, HOSPITAL_COUNT } from './hospitals.js';
import { PROVINCES } from './regions.js';

describe('synthetic hospital registry', () => {
  it('apportions exactly the total by largest remainder', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [5, 3, 2])).toEqual([4, 2, 1]);
    const counts = apportion(
      HOSPITAL_COUNT,
      PROVINCES.map((p) => p.populationThousands!),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(HOSPITAL_COUNT);
    expect(Math.min(...counts)).toBeGreaterThan(10);
  });

  it('generates 12,294 hospitals with unique ids, the same on every run', () => {
    const first = generateHospitals();
    expect(first).toHaveLength(12_294);
    expect(new Set(first.map((h) => h.id)).size).toBe(12_294);
    expect(generateHospitals()).toEqual(first);
    expect(generateHospitals(HOSPITAL_COUNT, 1)).not.toEqual(first);
  });

  it('gives every hospital a tier, a type, both names and a province', () => {
    const provinces = new Set(PROVINCES.map((p) => p.code));
    const hospitals = generateHospitals();
    for (const h of hospitals) {
      expect(['SECONDARY', 'TERTIARY']).toContain(h.tier);
      expect(['GENERAL', 'SPECIALIST', 'TCM', 'CANCER']).toContain(h.type);
      expect(provinces.has(h.regionCode)).toBe(true);
      expect(h.nameZh).toMatch(/医院$/);
      expect(h.nameEn).toMatch(/Hospital/);
    }
    const tertiary = hospitals.filter((h) => h.tier === 'TERTIARY').length / hospitals.length;
    expect(tertiary).toBeGreaterThan(0.27);
    expect(tertiary).toBeLessThan(0.33);
  });
});
