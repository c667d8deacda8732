import { checkPassword } from './password-policy';

describe('password policy', () => {
  it.each([
    ['short', 'Sh0rt!pass', 'at least 12'],
    ['common', 'motdepasse123', 'too common'],
    ['common padded', 'Password1234!', 'too common'],
    ['common padded azerty', 'azertyuiop2026', 'too common'],
    ['contains username', 'jmartin-is-great-2026', 'username'],
    ['few characters', 'aaaaaaaaaaaaab', 'different characters'],
  ])('refuses a %s password', (_, pw, why) => {
    const problems = checkPassword(pw, { username: 'jmartin' });
    expect(problems.map((p) => p.problem).join(' ')).toContain(why);
    expect(problems.every((p) => p.field === 'password')).toBe(true);
  });

  it('accepts a long uncommon passphrase', () => {
    expect(checkPassword('Correct-horse-battery-26', { username: 'jmartin' })).toEqual([]);
  });
});
