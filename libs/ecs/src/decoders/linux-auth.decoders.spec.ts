import { normalise } from '../normalise';

const doc = (raw: string) =>
  normalise({ raw, receivedAt: '2026-11-29T12:00:00Z', transport: 'udp', peer: { ip: '192.0.2.11' }, member: 'vitry' });

/** sudo, su, PAM and shadow-utils lines from Debian/Ubuntu/RHEL auth logs. */
const FIXTURES: [string, object][] = [
  [
    '<85>Feb 21 23:35:33 localhost sudo:  vagrant : TTY=pts/0 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/ls',
    {
      event: { action: 'sudo_command', outcome: 'success' },
      user: { name: 'vagrant', effective: { name: 'root' } },
      system: { auth: { sudo: { command: '/bin/ls', pwd: '/home/vagrant' } } },
    },
  ],
  [
    '<85>Feb 21 23:35:33 localhost sudo:  vagrant : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/ls',
    { event: { action: 'sudo_incorrect_password', outcome: 'failure' }, user: { name: 'vagrant' } },
  ],
  [
    '<85>Mar  2 10:41:07 srv-mairie sudo[3345]:     alice : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/cat /etc/shadow',
    {
      event: { action: 'sudo_user_not_in_sudoers', outcome: 'failure' },
      user: { name: 'alice', effective: { name: 'root' } },
      system: { auth: { sudo: { command: '/usr/bin/cat /etc/shadow' } } },
    },
  ],
  [
    '<85>Mar  2 10:41:07 srv-mairie sudo[3345]: pam_unix(sudo:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/1 ruser=alice rhost=  user=alice',
    { event: { action: 'authentication_failure', outcome: 'failure' }, user: { name: 'alice' } },
  ],
  [
    '<86>Mar  2 10:41:09 srv-mairie sudo[3345]: pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)',
    {
      event: { action: 'session_opened' },
      user: { name: 'root' },
      related: { user: expect.arrayContaining(['alice', 'root']) },
    },
  ],
  [
    '<86>Mar  2 10:42:00 srv-mairie su[4100]: Successful su for root by bob',
    { event: { action: 'su_success', outcome: 'success' }, user: { name: 'bob', effective: { name: 'root' } } },
  ],
  [
    '<86>Mar  2 10:42:00 srv-mairie su[4100]: + pts/2 bob:root',
    { event: { action: 'su_success' }, user: { name: 'bob' } },
  ],
  [
    '<86>Mar  2 10:42:00 srv-mairie su[4100]: FAILED su for root by bob',
    { event: { action: 'su_failure', outcome: 'failure' } },
  ],
  [
    '<86>Mar  2 10:42:00 srv-mairie su[4100]: - pts/2 bob:root',
    { event: { action: 'su_failure', outcome: 'failure' } },
  ],
  [
    '<86>Mar  2 10:42:00 srv-rh8 su[4100]: (to root) bob on pts/0',
    { event: { action: 'su_success' }, user: { name: 'bob', effective: { name: 'root' } } },
  ],
  [
    '<86>Mar  2 10:42:00 srv-rh8 su[4100]: FAILED SU (to root) bob on pts/0',
    { event: { action: 'su_failure', outcome: 'failure' } },
  ],
  [
    '<86>Mar  2 10:42:00 srv-rh8 su[4100]: pam_unix(su-l:session): session opened for user root by bob(uid=1000)',
    { event: { action: 'session_opened' }, user: { name: 'root' } },
  ],
  [
    '<86>Mar  2 11:00:01 srv CRON[5113]: pam_unix(cron:session): session closed for user root',
    { event: { action: 'session_closed', type: ['end'] }, user: { name: 'root' } },
  ],
  [
    '<86>Mar  2 11:05:12 srv login[880]: pam_unix(login:auth): authentication failure; logname=LOGIN uid=0 euid=0 tty=tty1 ruser= rhost=',
    { event: { action: 'authentication_failure', outcome: 'failure' } },
  ],
  [
    '<86>Mar  2 11:05:12 srv useradd[2240]: new user: name=jdupont, UID=1001, GID=1001, home=/home/jdupont, shell=/bin/bash, from=/dev/pts/0',
    {
      event: { action: 'user_created', category: ['iam'], type: ['user', 'creation'] },
      user: { target: { name: 'jdupont', id: '1001' } },
    },
  ],
  [
    '<86>Mar  2 11:05:12 srv useradd[2240]: new group: name=jdupont, GID=1001',
    { event: { action: 'group_created' }, group: { name: 'jdupont', id: '1001' } },
  ],
  [
    '<86>Mar  2 11:05:12 srv groupadd[2231]: group added to /etc/group: name=rgpd, GID=1002',
    { event: { action: 'group_created' }, group: { name: 'rgpd' } },
  ],
  [
    "<86>Mar  2 11:06:00 srv userdel[2250]: delete user 'jdupont'",
    { event: { action: 'user_deleted', type: ['user', 'deletion'] }, user: { target: { name: 'jdupont' } } },
  ],
  [
    "<86>Mar  2 11:06:00 srv userdel[2250]: removed group 'jdupont' owned by 'jdupont'",
    { event: { action: 'group_deleted' }, group: { name: 'jdupont' } },
  ],
  [
    "<86>Mar  2 11:07:00 srv usermod[2260]: add 'jdupont' to group 'sudo'",
    {
      event: { action: 'user_added_to_group', type: ['group', 'change'] },
      user: { target: { name: 'jdupont', group: { name: 'sudo' } } },
      group: { name: 'sudo' },
    },
  ],
  [
    "<86>Mar  2 11:07:00 srv usermod[2260]: lock user 'jdupont' password",
    { event: { action: 'user_locked' }, user: { target: { name: 'jdupont' } } },
  ],
  [
    '<86>Mar  2 11:08:00 srv passwd[2270]: pam_unix(passwd:chauthtok): password changed for jdupont',
    { event: { action: 'password_changed', category: ['iam'] }, user: { target: { name: 'jdupont' } } },
  ],
  [
    '<86>Mar  2 11:08:00 srv gpasswd[2280]: user jdupont added by root to group rgpd',
    { event: { action: 'user_added_to_group' }, user: { name: 'root', target: { name: 'jdupont' } } },
  ],
];

describe('sudo, su, PAM and account management decoders', () => {
  it.each(FIXTURES)('%s', (raw, expected) => {
    const d = doc(raw);
    expect(d).toMatchObject(expected);
    expect(d.event.module).toBe('system');
    expect(d.tags).not.toContain('_unparsed_payload');
  });
});
