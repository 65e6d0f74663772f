import { jsonDepth, RateLimiter } from './http-policies';

describe('jsonDepth', () => {
  it('counts nesting and ignores brackets inside strings', () => {
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[{{{{\\"]]]"}')).toBe(1);
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('['.repeat(100_000), 32)).toBe(33);
  });
});

describe('RateLimiter', () => {
  it('allows max requests per window, then asks to retry after the window', () => {
    const limiter = new RateLimiter(3, 10_000);
    expect([1, 2, 3].map(() => limiter.hit('a', 1000))).toEqual([0, 0, 0]);
    expect(limiter.hit('a', 2000)).toBe(9);
    expect(limiter.hit('b', 2000)).toBe(0);
    expect(limiter.hit('a', 11_000)).toBe(0);
  });

  it('is off at zero', () => {
    const limiter = new RateLimiter(0, 1000);
    for (let i = 0; i < 100; i++) expect(limiter.hit('a')).toBe(0);
  });
});
