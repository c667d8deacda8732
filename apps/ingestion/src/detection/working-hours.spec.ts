import { localTime, WorkingHoursCalendar, WorkingHoursError } from './working-hours';

describe('WorkingHoursCalendar', () => {
  const paris = new WorkingHoursCalendar();

  it('defaults to 07:00-20:00 Monday to Friday, Europe/Paris, DST-aware', () => {
    expect(paris.isWorkingTime('ivry', Date.parse('2026-11-30T06:00:00Z'))).toBe(true); // Mon 07:00 CET
    expect(paris.isWorkingTime('ivry', Date.parse('2026-11-30T05:59:00Z'))).toBe(false);
    expect(paris.isWorkingTime('ivry', Date.parse('2026-11-30T18:59:00Z'))).toBe(true); // 19:59
    expect(paris.isWorkingTime('ivry', Date.parse('2026-11-30T19:00:00Z'))).toBe(false); // 20:00, end excluded
    expect(paris.isWorkingTime('ivry', Date.parse('2026-07-06T05:00:00Z'))).toBe(true); // Mon 07:00 CEST
    expect(paris.isWorkingTime('ivry', Date.parse('2026-07-06T04:59:00Z'))).toBe(false);
    expect(paris.isWorkingTime('ivry', Date.parse('2026-11-29T10:00:00Z'))).toBe(false); // Sunday
  });

  it('gives the local date, weekday and minute', () => {
    expect(localTime(Date.parse('2026-03-29T01:30:00Z'), 'Europe/Paris')).toEqual({
      date: '2026-03-29',
      weekday: 'sun',
      minute: 3 * 60 + 30,
    });
    expect(localTime(Date.parse('2026-12-31T23:30:00Z'), 'Europe/Paris')).toEqual({
      date: '2027-01-01',
      weekday: 'fri',
      minute: 30,
    });
  });

  it('reads per-member overrides, holidays and night shifts from YAML', () => {
    const cal = WorkingHoursCalendar.fromYaml(`
default:
  holidays: ['2026-11-11']
members:
  vitry: { days: [sat, sun], start: '08:00', end: '12:00' }
  noc: { start: '22:00', end: '06:00', timeZone: UTC }
`);
    expect(cal.isWorkingTime('ivry', Date.parse('2026-11-11T10:00:00Z'))).toBe(false);
    expect(cal.isWorkingTime('ivry', Date.parse('2026-11-12T10:00:00Z'))).toBe(true);
    expect(cal.isWorkingTime('vitry', Date.parse('2026-11-28T08:30:00Z'))).toBe(true);
    expect(cal.isWorkingTime('vitry', Date.parse('2026-11-30T09:30:00Z'))).toBe(false);
    // Monday 22:00 to Tuesday 06:00 UTC; Friday night runs into Saturday morning, Saturday night does not start.
    expect(cal.isWorkingTime('noc', Date.parse('2026-11-30T23:00:00Z'))).toBe(true);
    expect(cal.isWorkingTime('noc', Date.parse('2026-12-01T05:59:00Z'))).toBe(true);
    expect(cal.isWorkingTime('noc', Date.parse('2026-12-01T06:00:00Z'))).toBe(false);
    expect(cal.isWorkingTime('noc', Date.parse('2026-11-28T03:00:00Z'))).toBe(true);
    expect(cal.isWorkingTime('noc', Date.parse('2026-11-29T03:00:00Z'))).toBe(false);
  });

  it.each([
    ['members: {x: {start: 7h}}', /start must be HH:MM/],
    ['members: {x: {days: [lundi]}}', /unknown day/],
    ['default: {timeZone: Mars/Olympus}', /unknown time zone/],
    ['members: [a]', /members must be a map/],
    ['default: {holidays: [tomorrow]}', /not a date/],
    ['a: [', /not valid YAML/],
  ])('rejects %s', (yaml, message) => {
    expect(() => WorkingHoursCalendar.fromYaml(yaml)).toThrow(WorkingHoursError);
    expect(() => WorkingHoursCalendar.fromYaml(yaml)).toThrow(message);
  });

  it('loads the shipped file', () => {
    const cal = WorkingHoursCalendar.fromFile(`${__dirname}/../../../../config/detection/working-hours.yaml`);
    expect(cal.defaults).toMatchObject({ timeZone: 'Europe/Paris', startMinute: 420, endMinute: 1200 });
    expect(cal.defaults.holidays.has('2026-07-14')).toBe(true);
  });
});
