import { returnPathFromState } from './auth.service';

describe('return path', () => {
  it('brings back only in-app paths from state', () => {
    expect(returnPathFromState('%252Fprofile')).toBe('/profile');
    expect(returnPathFromState('/timesheets?week=1')).toBe('/timesheets?week=1');
    expect(returnPathFromState('%2F%2Fevil.example')).toBe('');
    expect(returnPathFromState('https://evil.example/')).toBe('');
    expect(returnPathFromState(undefined)).toBe('');
  });
});
