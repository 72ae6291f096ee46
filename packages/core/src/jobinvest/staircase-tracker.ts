/**
 * The refusion staircase of refusion.ts, one week at a time, for one person: what a projection needs
 * to carry a person's place on the staircase through simulated transitions and resets. It applies
 * exactly the rules of `staircase()` (LBK 221/2021 §§ 5-6: the count across covered benefits, the
 * restart after 52 weeks of self-support within the last 156, counted from the first covered week)
 * with O(1) work per week: the self-support weeks of the window sit in a ring of 157 flags.
 * staircase-tracker.test.ts checks it against `staircase()` on random histories.
 */

import { benefitOf, isBenefitCode, isOnStaircase, type Benefit } from '../benefits.ts';
import { municipalShare, REFUSION_2016, type RefusionRules } from '../refusion.ts';

export class StaircaseTracker {
  /** The person's week on the staircase in the last week seen if it was covered, else the count so far. */
  count = 0;
  /** The count has started (a covered week since the last restart). */
  started = false;
  private readonly ring: Uint8Array;
  private selfSupportInWindow = 0;
  private lastWeek: number | null = null;

  constructor(private readonly rules: RefusionRules = REFUSION_2016) {
    // Weeks w − window … w − 1 count at week w; one more slot holds the week being recorded.
    this.ring = new Uint8Array(rules.resetWindowWeeks + 1);
  }

  /** An independent copy in the same position. */
  clone(): StaircaseTracker {
    const copy = new StaircaseTracker(this.rules);
    copy.count = this.count;
    copy.started = this.started;
    copy.ring.set(this.ring);
    copy.selfSupportInWindow = this.selfSupportInWindow;
    copy.lastWeek = this.lastWeek;
    return copy;
  }

  /** Weeks of self-support in the window that count towards a restart. */
  get selfSupportWeeks(): number {
    return this.selfSupportInWindow;
  }

  /**
   * Record week `weekIndex` (weeks must come in order, each once) on `benefit` (a catalogue code, or
   * `null` for self-support) and return the municipal share of the week's gross benefit, or `null`
   * for a week before the rules applied. After the call `count` is the week's place on the staircase
   * if the benefit is covered.
   */
  week(weekIndex: number, benefit: Benefit | null): number | null {
    if (!this.advance(weekIndex, benefit)) return null;
    if (benefit && isOnStaircase(benefit)) return municipalShare(benefit, this.count, this.rules);
    return benefit ? municipalShare(benefit, 0, this.rules) : 0;
  }

  /**
   * Record week `weekIndex` as `week` does, without working out the share (a projection reads only
   * `count`); false for a week before the rules applied.
   */
  advance(weekIndex: number, benefit: Benefit | null): boolean {
    if (weekIndex < this.rules.validFromWeek) return false;
    const window = this.rules.resetWindowWeeks;
    if (this.lastWeek !== null && weekIndex <= this.lastWeek)
      throw new RangeError(`week ${weekIndex} comes after week ${this.lastWeek}`);
    // Slot w holds week w − window − 1, which has left the window; so do the slots of skipped weeks.
    const from = this.lastWeek === null ? weekIndex : this.lastWeek + 1;
    for (let w = Math.max(from, weekIndex - window); w <= weekIndex; w++) this.clear(w);
    this.lastWeek = weekIndex;

    if (this.started && this.selfSupportInWindow >= this.rules.resetSelfSupportWeeks) {
      this.count = 0;
      this.started = false;
      this.clearAll();
    }
    if (benefit && isOnStaircase(benefit)) {
      this.started = true;
      this.count += 1;
    } else if (this.started && (benefit === null || benefit.selfSupport)) {
      this.ring[weekIndex % this.ring.length] = 1;
      this.selfSupportInWindow += 1;
    }
    return true;
  }

  /** `week` for a state name of the catalogue (`job` and `su` are self-support; unknown names are neither). */
  weekOfState(weekIndex: number, state: string): number | null {
    return this.week(weekIndex, isBenefitCode(state) ? benefitOf(state) : benefitOf('out'));
  }

  private clear(weekIndex: number): void {
    const slot = weekIndex % this.ring.length;
    if (this.ring[slot]) {
      this.ring[slot] = 0;
      this.selfSupportInWindow -= 1;
    }
  }

  private clearAll(): void {
    this.ring.fill(0);
    this.selfSupportInWindow = 0;
  }
}
