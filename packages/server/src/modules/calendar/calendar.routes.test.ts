import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed } from '../../../test/accounts-helpers.ts';
import { signInStaff, unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { queryRows } from '../../db/client.ts';
import { computeDueAt } from './calendar.deadlines.ts';
import { dayFromIsoDate } from './calendar.time-zone.ts';
import { loadDeadlineSettings, loadWorkingCalendar } from './index.ts';

interface HolidayDto {
  id: string;
  code: string;
  date: string;
  kind: string;
  confirmed: boolean;
}

describe('calendar API', () => {
  let test: TestContext;
  let app: FastifyInstance;
  let central: string;
  beforeAll(async () => {
    test = await createTestContext();
    app = await test.buildApp();
    central = await unitIdOf(test.ctx.database.db, 'central-office');
  });
  afterAll(async () => test.close());

  const holidaysOf = async (year: number) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/calendar/holidays?year=${year}` });
    expect(response.statusCode).toBe(200);
    return (response.json() as { holidays: HolidayDto[] }).holidays;
  };
  const auditActions = async () =>
    (
      await queryRows<{ action: string }>(
        test.ctx.database.db,
        sql`SELECT action FROM audit_log WHERE action LIKE 'calendar.%' ORDER BY id`,
      )
    ).map((row) => row.action);

  it('holidays are public: the current year is seeded at start, another year on demand, Islamic ones unconfirmed', async () => {
    const current = await app.inject({ method: 'GET', url: '/api/v1/calendar/holidays' });
    expect(current.json()).toMatchObject({ year: test.ctx.now().getUTCFullYear() });
    const holidays = await holidaysOf(2031);
    expect(holidays.find((holiday) => holiday.code === 'revolution-day')).toMatchObject({
      date: '2031-12-17',
      kind: 'fixed',
      confirmed: true,
    });
    expect(holidays.filter((holiday) => holiday.kind === 'islamic')).toHaveLength(7);
    expect(holidays.every((holiday) => holiday.kind !== 'islamic' || !holiday.confirmed)).toBe(true);
    expect(await holidaysOf(2031)).toEqual(holidays);
    expect(await auditActions()).toContain('calendar.holidays_seeded');
    const outOfRange = await app.inject({ method: 'GET', url: '/api/v1/calendar/holidays?year=1999' });
    expect(outOfRange.json()).toMatchObject({ status: 400, code: 'common.validation_failed' });
  });

  it('the central office moves Islamic New Year 2027 to the sighted day and the working calendar follows at once', async () => {
    const db = test.ctx.database.db;
    const newYear = (await holidaysOf(2027)).find((holiday) => holiday.code === 'islamic-new-year') as HolidayDto;
    expect(newYear.date).toBe('2027-06-06');
    const monday = dayFromIsoDate('2027-06-07');
    expect((await loadWorkingCalendar({ db })).isWorkingDay(monday)).toBe(true);
    const office = await signInStaff(app, db, [{ role: 'central_office', unitId: central, scope: 'all' }]);
    const moved = await authed(app, office).patch(`/api/v1/admin/holidays/${newYear.id}`, { date: '2027-06-07' });
    expect(moved.json()).toMatchObject({ date: '2027-06-07', confirmed: true });
    expect((await loadWorkingCalendar({ db })).isWorkingDay(monday)).toBe(false);
    expect((await loadWorkingCalendar({ db })).isWorkingDay(dayFromIsoDate('2027-06-04'))).toBe(true);
    const otherYear = await authed(app, office).patch(`/api/v1/admin/holidays/${newYear.id}`, { date: '2028-05-26' });
    expect(otherYear.json()).toMatchObject({ status: 400, code: 'calendar.holiday_outside_year' });
    const missing = await authed(app, office).patch(`/api/v1/admin/holidays/${crypto.randomUUID()}`, {
      confirmed: true,
    });
    expect(missing.json()).toMatchObject({ status: 404, code: 'calendar.holiday_not_found' });
    expect(await auditActions()).toContain('calendar.holiday_updated');
  });

  it('a system administrator adds an exceptional day off once; deadlines skip it', async () => {
    const db = test.ctx.database.db;
    const admin = await signInStaff(app, db, [{ role: 'system_admin', unitId: central, scope: 'all' }]);
    const settings = await loadDeadlineSettings({ db });
    const dueBefore = computeDueAt({
      calendar: await loadWorkingCalendar({ db }),
      settings,
      requestType: 'guidance',
      unitId: null,
      from: new Date('2027-11-01T09:00:00+01:00'),
    });
    const body = {
      date: '2027-11-03',
      name: { ar: 'عطلة استثنائية', fr: 'Jour férié exceptionnel', en: 'Exceptional day off' },
    };
    const created = await authed(app, admin).post('/api/v1/admin/holidays', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'exceptional', confirmed: true, date: '2027-11-03', year: 2027 });
    const again = await authed(app, admin).post('/api/v1/admin/holidays', body);
    expect(again.json()).toMatchObject({ status: 409, code: 'calendar.holiday_exists' });
    const dueAfter = computeDueAt({
      calendar: await loadWorkingCalendar({ db }),
      settings,
      requestType: 'guidance',
      unitId: null,
      from: new Date('2027-11-01T09:00:00+01:00'),
    });
    expect(dueBefore.toISOString()).toBe('2027-11-10T16:00:00.000Z');
    expect(dueAfter.toISOString()).toBe('2027-11-11T16:00:00.000Z');
  });

  it('agency admins, officers, citizens and guests may not change holidays', async () => {
    const db = test.ctx.database.db;
    const [holiday] = await holidaysOf(2027);
    const agencyAdmin = await signInStaff(app, db, [
      { role: 'agency_admin', unitId: await unitIdOf(db, 'min-health'), scope: 'subtree' },
    ]);
    const refused = await authed(app, agencyAdmin).patch(`/api/v1/admin/holidays/${holiday?.id}`, { confirmed: true });
    expect(refused.json()).toMatchObject({ status: 403, code: 'common.forbidden' });
    const guest = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/holidays',
      payload: { date: '2027-02-02', name: { ar: 'ع', fr: 'f', en: 'e' } },
    });
    expect(guest.statusCode).toBe(401);
  });

  it('an agency admin overrides a deadline for a unit in reach, not elsewhere nor nationally; the case rule follows', async () => {
    const db = test.ctx.database.db;
    const health = await unitIdOf(db, 'min-health');
    const directorate = await unitIdOf(db, 'min-health-dg-health');
    const admin = await signInStaff(app, db, [{ role: 'agency_admin', unitId: health, scope: 'subtree' }]);
    const listed = await authed(app, admin).get('/api/v1/admin/deadline-settings');
    expect((listed.json() as { defaults: unknown[] }).defaults).toContainEqual({
      requestType: 'suggestion',
      milestone: 'answer',
      days: 30,
      dayKind: 'calendar',
      measure: 'calendar_days',
    });
    const put = (unitId: string | null, days = 5) =>
      authed(app, admin).put('/api/v1/admin/deadline-settings', {
        unitId,
        requestType: 'petition',
        milestone: 'answer',
        days,
        dayKind: 'working',
      });
    const saved = await put(health);
    expect(saved.json()).toMatchObject({ unitId: health, days: 5, measure: 'working_hours' });
    expect((await put(health, 10)).json()).toMatchObject({ id: (saved.json() as { id: string }).id, days: 10 });
    expect((await put(await unitIdOf(db, 'min-transport'))).json()).toMatchObject({ status: 403 });
    expect((await put(null)).json()).toMatchObject({ status: 403 });
    expect((await put(crypto.randomUUID())).json()).toMatchObject({ status: 400, code: 'calendar.unit_not_found' });
    const acknowledge = await authed(app, admin).put('/api/v1/admin/deadline-settings', {
      unitId: health,
      requestType: 'petition',
      milestone: 'acknowledge',
      days: 2,
      dayKind: 'working',
    });
    expect(acknowledge.json()).toMatchObject({ status: 400, code: 'calendar.milestone_not_applicable' });

    const from = new Date('2026-01-05T09:00:00+01:00');
    const calendar = await loadWorkingCalendar({ db });
    const dueIn = async (unitId: string) =>
      computeDueAt({ calendar, settings: await loadDeadlineSettings({ db }), requestType: 'petition', unitId, from });
    // The ministry's 10 working days apply to its directorate; other ministries keep 14.
    expect((await dueIn(directorate)).toISOString()).toBe('2026-01-19T16:00:00.000Z');
    expect((await dueIn(await unitIdOf(db, 'min-transport'))).toISOString()).toBe('2026-01-23T16:00:00.000Z');

    const filtered = await authed(app, admin).get(`/api/v1/admin/deadline-settings?unitId=${directorate}`);
    expect((filtered.json() as { overrides: Array<{ unitId: string }> }).overrides.map((o) => o.unitId)).toEqual([
      health,
    ]);
    const removed = await authed(app, admin).delete(
      `/api/v1/admin/deadline-settings/${(saved.json() as { id: string }).id}`,
    );
    expect(removed.statusCode).toBe(204);
    expect((await dueIn(directorate)).toISOString()).toBe('2026-01-23T16:00:00.000Z');
    const gone = await authed(app, admin).delete(
      `/api/v1/admin/deadline-settings/${(saved.json() as { id: string }).id}`,
    );
    expect(gone.json()).toMatchObject({ status: 404, code: 'calendar.deadline_setting_not_found' });
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['calendar.deadline_setting_saved', 'calendar.deadline_setting_deleted']),
    );
  });

  it('the central office sets a national deadline; officers and guests may not read the settings', async () => {
    const db = test.ctx.database.db;
    const office = await signInStaff(app, db, [{ role: 'central_office', unitId: central, scope: 'all' }]);
    const national = await authed(app, office).put('/api/v1/admin/deadline-settings', {
      unitId: null,
      requestType: 'suggestion',
      milestone: 'answer',
      days: 20,
      dayKind: 'working',
    });
    expect(national.json()).toMatchObject({ unitId: null, days: 20, measure: 'working_days' });
    const officer = await signInStaff(app, db, [
      { role: 'officer', unitId: await unitIdOf(db, 'min-health'), scope: 'unit' },
    ]);
    expect((await authed(app, officer).get('/api/v1/admin/deadline-settings')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/deadline-settings' })).statusCode).toBe(401);
  });
});
