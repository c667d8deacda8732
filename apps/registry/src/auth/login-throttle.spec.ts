import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('throttles an address after the limit and frees it when failures leave the window', () => {
    let now = 1_000_000;
    const t = new LoginThrottle(3, 60_000, () => now);
    t.fail('10.0.0.1');
    t.fail('10.0.0.1');
    expect(t.retryAfter('10.0.0.1')).toBe(0);
    t.fail('10.0.0.1');
    expect(t.retryAfter('10.0.0.1')).toBe(60);
    expect(t.retryAfter('10.0.0.2')).toBe(0);
    now += 30_000;
    expect(t.retryAfter('10.0.0.1')).toBe(30);
    now += 30_001;
    expect(t.retryAfter('10.0.0.1')).toBe(0);
  });

  it('forgets an address after a success', () => {
    const t = new LoginThrottle(2);
    t.fail('a');
    t.fail('a');
    expect(t.retryAfter('a')).toBeGreaterThan(0);
    t.succeed('a');
    expect(t.retryAfter('a')).toBe(0);
  });
});
