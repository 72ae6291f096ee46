import { describe, expect, it } from 'vitest';
import { DANISH_CASE_LABELS, effectOption } from './case-charts.ts';

describe("the break-even chart's axis", () => {
  it('writes its ticks with Danish decimals', () => {
    const option = effectOption(
      { years: [], cumulativeNet: [], paybackWeek: null, breakEvenEffect: 1.25, hazardRatio: 1.3 },
      DANISH_CASE_LABELS,
    );
    const tick = option.xAxis.axisLabel.formatter;
    expect([0.8, 1, 1.2, 1.25, 2].map(tick)).toEqual(['0,8', '1', '1,2', '1,25', '2']);
  });
});
