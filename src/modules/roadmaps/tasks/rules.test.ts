import { describe, expect, it } from 'vitest';
import { barOf, deadlineReminder, trafficLight } from './rules.js';

const at = (iso: string) => new Date(iso);
const task = { deadline: '2027-06-30', status: 'on-track' as const, lastUpdateAt: at('2027-05-01T10:00:00Z') };

describe('the traffic light, at moved clocks', () => {
  it('is the reported status while the deadline is ahead and updates are recent', () => {
    expect(trafficLight(task, at('2027-05-20T00:00:00Z'))).toBe('on-track');
    expect(trafficLight({ ...task, status: 'at-risk' }, at('2027-05-20T00:00:00Z'))).toBe('at-risk');
  });

  it('turns late the day after the deadline, unless done or cancelled', () => {
    expect(trafficLight(task, at('2027-06-30T23:59:00Z'))).toBe('on-track');
    expect(trafficLight(task, at('2027-07-01T00:00:00Z'))).toBe('late');
    expect(trafficLight({ ...task, status: 'done' }, at('2027-09-01T00:00:00Z'))).toBe('done');
    expect(trafficLight({ ...task, status: 'cancelled' }, at('2027-09-01T00:00:00Z'))).toBe('cancelled');
  });

  it('turns stale 90 days after the last update (late wins over stale)', () => {
    const long = { ...task, deadline: '2028-12-31' };
    expect(trafficLight(long, at('2027-07-30T09:59:00Z'))).toBe('on-track');
    expect(trafficLight(long, at('2027-07-30T10:00:00Z'))).toBe('stale');
    expect(trafficLight(task, at('2027-08-15T00:00:00Z'))).toBe('late');
  });

  it('reminds 30 days before the deadline, then 7, then no more once passed', () => {
    expect(deadlineReminder('2027-06-30', at('2027-05-30T12:00:00Z'))).toBe(null);
    expect(deadlineReminder('2027-06-30', at('2027-05-31T12:00:00Z'))).toBe(30);
    expect(deadlineReminder('2027-06-30', at('2027-06-23T12:00:00Z'))).toBe(7);
    expect(deadlineReminder('2027-06-30', at('2027-06-30T12:00:00Z'))).toBe(7);
    expect(deadlineReminder('2027-06-30', at('2027-07-01T12:00:00Z'))).toBe(null);
  });

  it('places a bar from start to the end of the deadline day within the range', () => {
    const bar = barOf({ startsOn: '2027-01-01', deadline: '2027-01-10' }, { from: '2027-01-01', to: '2027-01-21' });
    expect(bar.start).toBe(0);
    expect(bar.width).toBeCloseTo(0.5);
  });
});
