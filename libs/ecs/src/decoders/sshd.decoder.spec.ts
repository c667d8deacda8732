import { normalise } from '../normalise';

const doc = (raw: string) =>
  normalise({ raw, receivedAt: '2026-11-29T12:00:00Z', transport: 'udp', peer: { ip: '192.0.2.10' }, member: 'ivry' });

/** OpenSSH server lines as found in auth.log / secure (Debian, RHEL, OpenSSH 7–9). */
const FIXTURES: [string, object][] = [
  [
    '<38>Feb 21 21:54:44 localhost sshd[3402]: Accepted publickey for vagrant from 10.0.2.2 port 63673 ssh2: RSA 39:33:99:e9:a0:dc:f2:33:a3:e5:72:3b:7c:3a:56:84',
    {
      event: { action: 'ssh_login', outcome: 'success', category: ['authentication', 'session'] },
      user: { name: 'vagrant' },
      source: { ip: '10.0.2.2', port: 63673 },
      system: { auth: { ssh: { method: 'publickey' } } },
    },
  ],
  [
    '<38>Feb 23 00:13:35 localhost sshd[7483]: Accepted password for vagrant from 192.168.33.1 port 58803 ssh2',
    {
      event: { action: 'ssh_login', outcome: 'success' },
      user: { name: 'vagrant' },
      source: { ip: '192.168.33.1', port: 58803 },
      process: { name: 'sshd', pid: 7483 },
    },
  ],
  [
    '<38>Feb 21 21:56:12 localhost sshd[3430]: Invalid user test from 10.0.2.2',
    { event: { action: 'ssh_invalid_user', outcome: 'failure' }, user: { name: 'test' }, source: { ip: '10.0.2.2' } },
  ],
  [
    '<38>Feb 20 08:35:22 slave22 sshd[5774]: Failed password for root from 116.31.116.24 port 29160 ssh2',
    {
      event: { action: 'ssh_login', outcome: 'failure', category: ['authentication'] },
      user: { name: 'root' },
      source: { ip: '116.31.116.24', port: 29160 },
    },
  ],
  [
    '<38>Nov 29 03:12:56 bastion sshd[1621]: Failed publickey for root from 198.51.100.23 port 52144 ssh2: RSA SHA256:8Qf2pZf0mQ2m1sB4rS7kTn0vZk3h6jYw9uXcVbNmLpQ',
    {
      event: { action: 'ssh_login', outcome: 'failure' },
      user: { name: 'root' },
      source: { ip: '198.51.100.23', port: 52144 },
      system: { auth: { ssh: { method: 'publickey' } } },
    },
  ],
  [
    '<38>Nov 29 03:12:57 bastion sshd[1622]: Failed password for invalid user oracle from 198.51.100.23 port 52150 ssh2 [preauth]',
    { event: { outcome: 'failure' }, user: { name: 'oracle' }, source: { ip: '198.51.100.23', port: 52150 } },
  ],
  [
    '<38>Feb 20 08:35:22 slave22 sshd[5774]: Failed password for invalid user admin from 116.31.116.24 port 29160 ssh2',
    { event: { outcome: 'failure' }, user: { name: 'admin' }, system: { auth: { ssh: { invalid_user: 'true' } } } },
  ],
  [
    '<38>Jan 17 03:12:56 bastion sshd[1621]: Disconnected from invalid user admin 203.0.113.5 port 53514 [preauth]',
    {
      event: { action: 'ssh_disconnect', type: ['end'] },
      user: { name: 'admin' },
      source: { ip: '203.0.113.5', port: 53514 },
    },
  ],
  [
    '<38>Jan 17 03:12:56 bastion sshd[1621]: Connection closed by authenticating user root 203.0.113.5 port 53514 [preauth]',
    {
      event: { action: 'ssh_connection_closed', outcome: 'failure' },
      user: { name: 'root' },
      system: { auth: { ssh: { preauth: 'true' } } },
    },
  ],
  [
    '<38>Jan 17 03:12:56 bastion sshd[1621]: Connection closed by 203.0.113.5 port 53514',
    { event: { action: 'ssh_connection_closed', type: ['end'] }, source: { ip: '203.0.113.5', port: 53514 } },
  ],
  [
    '<38>Jan 17 03:12:56 bastion sshd[1621]: error: maximum authentication attempts exceeded for root from 203.0.113.5 port 53514 ssh2 [preauth]',
    {
      event: { action: 'ssh_max_auth_attempts_exceeded', outcome: 'failure' },
      user: { name: 'root' },
      source: { ip: '203.0.113.5' },
    },
  ],
  [
    '<38>Jan 17 03:12:56 bastion sshd[1621]: Disconnecting authenticating user root 203.0.113.5 port 53514: Too many authentication failures [preauth]',
    { event: { action: 'ssh_max_auth_attempts_exceeded', outcome: 'failure' }, user: { name: 'root' } },
  ],
  [
    '<38>Jan 17 03:12:56 bastion sshd[1621]: Received disconnect from 203.0.113.5 port 53514:11: Bye Bye [preauth]',
    { event: { action: 'ssh_disconnect', reason: 'Bye Bye' }, source: { ip: '203.0.113.5', port: 53514 } },
  ],
  [
    '<38>Feb 19 15:30:04 slave22 sshd[18406]: Did not receive identification string from 123.57.245.163',
    { event: { action: 'ssh_no_identification' }, source: { ip: '123.57.245.163' } },
  ],
  [
    '<38>Jan 17 03:12:56 bastion sshd[1621]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.5  user=root',
    {
      event: { action: 'authentication_failure', outcome: 'failure' },
      user: { name: 'root' },
      source: { ip: '203.0.113.5' },
    },
  ],
  [
    '<38>Jan 17 03:12:56 bastion sshd[1621]: pam_unix(sshd:session): session opened for user bob(uid=1000) by (uid=0)',
    { event: { action: 'session_opened', category: ['session'], type: ['start'] }, user: { name: 'bob', id: '1000' } },
  ],
  [
    '<38>Jan 17 03:12:56 bastion sshd[1621]: message repeated 2 times: [ Failed password for root from 116.31.116.24 port 29160 ssh2]',
    { event: { action: 'ssh_login', outcome: 'failure' }, user: { name: 'root' } },
  ],
  [
    '<86>1 2026-11-29T13:33:41.120+01:00 web-ivry-01 sshd 2211 - - Accepted publickey for deploy from 2001:db8::1 port 50022 ssh2: ED25519 SHA256:Qe3Qj3Yb2iFvLq8o9f0ZpXc',
    {
      event: { outcome: 'success' },
      user: { name: 'deploy' },
      source: { ip: '2001:db8::1', port: 50022 },
      related: { ip: ['2001:db8::1'], user: ['deploy'] },
    },
  ],
];

describe('sshd decoder', () => {
  it.each(FIXTURES)('%s', (raw, expected) => {
    const d = doc(raw);
    expect(d).toMatchObject(expected);
    expect(d.event.dataset).toBe('system.auth');
    expect(d.tags).not.toContain('_unparsed_payload');
  });

  it('leaves unknown sshd lines unparsed but valid', () => {
    const d = doc('<38>Jan 17 03:12:56 bastion sshd[1621]: Server listening on 0.0.0.0 port 22.');
    expect(d.tags).toContain('_unparsed_payload');
    expect(d.message).toBe('Server listening on 0.0.0.0 port 22.');
    expect(d.process).toEqual({ name: 'sshd', pid: 1621 });
  });
});
