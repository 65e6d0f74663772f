import { effectiveWeekHours, personWeekHours, teamWeekCell } from './team-weeks.service';

const groups = new Map(
  [
    { id: 'company', parentId: null, hours: 40 },
    { id: 'eng', parentId: 'company', hours: null },
    { id: 'platform', parentId: 'eng', hours: 20 },
    { id: 'loose', parentId: null, hours: null },
    { id: 'a', parentId: 'b', hours: null },
    { id: 'b', parentId: 'a', hours: null },
  ].map((g) => [g.id, g]),
);

describe('expected work weeks', () => {
  it("takes a group's own value, else the nearest parent's, else none", () => {
    expect(effectiveWeekHours(groups, 'platform')).toBe(20);
    expect(effectiveWeekHours(groups, 'eng')).toBe(40);
    expect(effectiveWeekHours(groups, 'loose')).toBeNull();
    expect(effectiveWeekHours(groups, 'a')).toBeNull(); // a cycle ends
    expect(effectiveWeekHours(groups, 'missing')).toBeNull();
  });

  it("gives a person the largest of their direct groups' values, else the default", () => {
    expect(personWeekHours(groups, ['platform', 'eng'], 38)).toBe(40);
    expect(personWeekHours(groups, ['platform'], 38)).toBe(20);
    expect(personWeekHours(groups, ['loose'], 38)).toBe(38);
    expect(personWeekHours(groups, [], 38)).toBe(38);
  });

  it('says a week is submitted when it has entries and none is a draft or rejected', () => {
    const row = (status: 'draft' | 'pending' | 'approved' | 'rejected', hours: number) => ({
      ownerId: 'o',
      week: '2026-W50',
      status,
      hours,
    });
    expect(teamWeekCell('2026-W50', [])).toEqual({
      week: '2026-W50',
      state: 'empty',
      submitted: false,
      hours: 0,
      unsubmittedHours: 0,
    });
    expect(teamWeekCell('2026-W50', [row('pending', 8), row('approved', 30.25)])).toMatchObject({
      state: 'pending',
      submitted: true,
      hours: 38.25,
    });
    expect(teamWeekCell('2026-W50', [row('approved', 8), row('draft', 1.1), row('rejected', 2.2)])).toMatchObject({
      state: 'rejected',
      submitted: false,
      hours: 8,
      unsubmittedHours: 3.3,
    });
  });
});
