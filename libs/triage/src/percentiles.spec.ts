import { falsePositiveRate, percentile, summariseDurations } from './percentiles';

describe('percentiles', () => {
  it('interpolates between ranks like percentile_cont', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 1, 5, 3, 8, 2, 9, 4, 7, 6], 90)).toBeCloseTo(9.1);
  });

  it('summarises durations and false-positive rates', () => {
    expect(summariseDurations([60, 120, 180])).toEqual({ count: 3, p50Seconds: 120, p90Seconds: 168 });
    expect(summariseDurations([])).toEqual({ count: 0, p50Seconds: null, p90Seconds: null });
    expect(falsePositiveRate(0, 0)).toBeNull();
    expect(falsePositiveRate(3, 1)).toBe(0.3333);
  });
});
