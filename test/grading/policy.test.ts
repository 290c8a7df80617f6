import { describe, expect, it } from 'vitest';
import { applyLatePenalty, combineAttempts, countedAttempt, daysLate } from '../../src/grading/policy';

const due = Date.UTC(2026, 10, 23, 12);
const hour = 3_600_000;

describe('daysLate', () => {
  it('is 0 on time, at the due instant and without a due date; a started day counts', () => {
    expect(daysLate(due - hour, due)).toBe(0);
    expect(daysLate(due, due)).toBe(0);
    expect(daysLate(due + 1, due)).toBe(1);
    expect(daysLate(due + 24 * hour, due)).toBe(1);
    expect(daysLate(due + 24 * hour + 1, due)).toBe(2);
    expect(daysLate(due + 1000 * hour, undefined)).toBe(0);
  });
});

describe('applyLatePenalty', () => {
  const policy = { percentPerDay: 10, floorPercent: 50 };
  it('takes the percentage per day, down to the floor, never below 0', () => {
    expect(applyLatePenalty(0.8, 0, policy)).toBe(0.8);
    expect(applyLatePenalty(0.8, 1, policy)).toBeCloseTo(0.72);
    expect(applyLatePenalty(1, 5, policy)).toBeCloseTo(0.5);
    expect(applyLatePenalty(1, 9, policy)).toBeCloseTo(0.5);
    expect(applyLatePenalty(1, 3, { percentPerDay: 50, floorPercent: 0 })).toBe(0);
    expect(applyLatePenalty(1, 3, { percentPerDay: 0, floorPercent: 0 })).toBe(1);
  });
});

describe('combineAttempts', () => {
  const scores = [0.5, 1, 0.25];
  it('takes the highest, last, first or average attempt', () => {
    expect(combineAttempts(scores, 'highest')).toBe(1);
    expect(combineAttempts(scores, 'last')).toBe(0.25);
    expect(combineAttempts(scores, 'first')).toBe(0.5);
    expect(combineAttempts(scores, 'average')).toBeCloseTo(0.5833, 4);
    expect(combineAttempts([], 'highest')).toBeUndefined();
  });
});

describe('countedAttempt', () => {
  it('names the attempt the grade is: the first to reach the highest, the last or the first', () => {
    expect(countedAttempt([0.5, 1, 0.25, 1], 'highest')).toBe(1);
    expect(countedAttempt([0.5, 1, 0.25], 'last')).toBe(2);
    expect(countedAttempt([0.5, 1, 0.25], 'first')).toBe(0);
  });

  it('names none for an average, which counts every attempt, or for no attempts', () => {
    expect(countedAttempt([0.5, 1], 'average')).toBeUndefined();
    expect(countedAttempt([], 'highest')).toBeUndefined();
    expect(countedAttempt([], 'last')).toBeUndefined();
  });
});
