import { normalise } from '../normalise';

const doc = (raw: string) =>
  normalise({
    raw,
    receivedAt: '2026-11-29T12:00:00Z',
    transport: 'tcp',
    peer: { ip: '10.20.0.5' },
    member: 'gentilly',
  });

const nx = (fields: Record<string, unknown>) =>
  `<14>Nov 29 13:33:41 DC01.gentilly.local Microsoft-Windows-Security-Auditing[580]: ${JSON.stringify({
    EventTime: '2026-11-29T13:33:41.6138329+01:00',
    Hostname: 'DC01.gentilly.local',
    Keywords: -9214364837600034816,
    EventType: 'AUDIT_SUCCESS',
    SeverityValue: 2,
    Severity: 'INFO',
    SourceName: 'Microsoft-Windows-Security-Auditing',
    ProviderGuid: '{54849625-5478-4994-A5BA-3E3B0328C30D}',
    Version: 0,
    Task: 12544,
    OpcodeValue: 0,
    RecordNumber: 184467,
    ProcessID: 580,
    ThreadID: 7712,
    Channel: 'Security',
    ...fields,
  })}`;

/** NXLog im_msvistalog JSON, as forwarded by the xm_json/om_tcp pair (openwec test corpus record). */
const NXLOG_4625 =
  '{"EventTime":"2024-03-14T13:54:16.6138329Z","Hostname":"WKS10001","Keywords":-9218868437227405312,"EventType":"AUDIT_FAILURE","SeverityValue":4,"Severity":"ERROR","EventID":4625,"SourceName":"Microsoft-Windows-Security-Auditing","ProviderGuid":"{54849625-5478-4994-A5BA-3E3B0328C30D}","Version":0,"Task":12544,"OpcodeValue":0,"RecordNumber":1444,"ActivityID":"{B073A4BF-7611-0000-BCA5-73B01176DA01}","ProcessID":780,"ThreadID":8372,"Channel":"Security","Message":"An account failed to log on.\\r\\n\\r\\nSubject:\\r\\n\\tSecurity ID:\\t\\tS-1-5-18","Category":"Logon","Opcode":"Info","SubjectUserSid":"S-1-5-18","SubjectUserName":"WKS10001$","SubjectDomainName":"WORKGROUP","SubjectLogonId":"0x3e7","TargetUserSid":"S-1-0-0","TargetUserName":"user","TargetDomainName":"WKS10001","Status":"0xc000006d","FailureReason":"%%2313","SubStatus":"0xc000006a","LogonType":"2","LogonProcessName":"User32 ","AuthenticationPackageName":"Negotiate","WorkstationName":"WKS10001","TransmittedServices":"-","LmPackageName":"-","KeyLength":"0","ProcessName":"C:\\\\Windows\\\\System32\\\\svchost.exe","IpAddress":"127.0.0.1","IpPort":"0","EventReceivedTime":"2024-03-14T13:54:20.331+00:00","ProcessId":"0x5c8"}';

/** Snare records from rsyslog's mmsnarewinsec tests and the Graylog snare sender docs. */
const SNARE_4624 =
  '<13>1 2025-09-18T13:03:42.970090Z foobazhost - - - - MSWinEventLog\t1\tSecurity\t284138676\tThu Sep 18 13:03:42 2025\t4624\tWindows\tN/A\tN/A\tSuccess Audit\tfoobazhost\tLogon\t\tAn account was successfully logged on.    Subject:   Security ID:  S-1-0-0   Account Name:  -   Account Domain:  -   Logon ID:  0x0    Logon Information:   Logon Type:  3   Restricted Admin Mode: -   Virtual Account:  %%1843   Elevated Token:  %%1842    Impersonation Level:  %%1840    New Logon:   Security ID:  S-1-5-21-1004336348-1177238915-682003330-1105   Account Name:  FOOHOST$   Account Domain:  DOMAIN   Logon ID:  0x8f2a1e   Linked Logon ID:  0x0   Network Account Name: -   Network Account Domain: -   Logon GUID:  {79b6eb79-7bcc-8a2e-7dad-953c51dc00fd}    Process Information:   Process ID:  0x0   Process Name:  -    Network Information:   Workstation Name: -   Source Network Address: 10.10.10.10   Source Port:  62029    Detailed Authentication Information:   Logon Process:  Kerberos   Authentication Package: Kerberos   Transited Services: -   Package Name (NTLM only): -   Key Length:  0   \t-15049365';
const SNARE_4634 =
  '<13>1 2025-09-18T13:02:46.038710Z foobarhost - - - - MSWinEventLog\t1\tSecurity\t29352898\tThu Sep 18 13:02:45 2025\t4634\tWindows\tN/A\tN/A\tSuccess Audit\tfoobarhost\tLogoff\t\tAn account was logged off.    Subject:   Security ID:  S-1-5-21-1004336348-1177238915-682003330-1106   Account Name:  BLUB$   Account Domain:  DOMAIN   Logon ID:  0x8f2a1e    Logon Type:   3   \t1248938155';
const SNARE_4726 =
  '<14>Feb 11 17:32:26 graylog01 MSWinEventLog\t1\tSecurity\t65493\tMon Feb 11 17:32:26 2019\t4726\tMicrosoft-Windows-Security-Auditing\tN/A\tN/A\tAUDIT_SUCCESS\tWIN-8F8OSAB5AMC.testwin.lan\tUser Account Management\t\tA user account was deleted.  Subject:  Security ID:  S-1-5-21-2081084977-3747244460-254679223-500  Account Name:  Administrator  Account Domain:  TESTWIN  Logon ID:  0x5F1B5  Target Account:  Security ID:  S-1-5-21-2081084977-3747244460-254679223-1126  Account Name:  admintest  Account Domain:  TESTWIN  Additional Information:  Privileges -\t65493';
const SNARE_4625_PURE =
  'ws042\tMSWinEventLog\t1\tSecurity\t123456\tThu Sep 18 13:10:00 2025\t4625\tMicrosoft-Windows-Security-Auditing\tN/A\tN/A\tFailure Audit\tws042.ivry.local\tLogon\t\tAn account failed to log on.    Subject:   Security ID:  S-1-0-0   Account Name:  -   Account Domain:  -   Logon ID:  0x0    Logon Type:   3    Account For Which Logon Failed:   Security ID:  S-1-0-0   Account Name:  jdupont   Account Domain:  IVRY    Failure Information:   Failure Reason:  Unknown user name or bad password.   Status:   0xC000006D   Sub Status:  0xC000006A    Process Information:   Caller Process ID: 0x0   Caller Process Name: -    Network Information:   Workstation Name: PC-ACCUEIL   Source Network Address: 192.168.40.17   Source Port:  51234    Detailed Authentication Information:   Logon Process:  NtLmSsp    Authentication Package: NTLM   Transited Services: -   Package Name (NTLM only): -   Key Length:  0    This event is generated when a logon request fails. It is generated on the computer where access was attempted.\t34567';
const SNARE_4688 =
  '<14>Nov 29 13:33:41 ws042 MSWinEventLog\t1\tSecurity\t99812\tSun Nov 29 13:33:41 2026\t4688\tMicrosoft-Windows-Security-Auditing\tN/A\tN/A\tSuccess Audit\tws042.ivry.local\tProcess Creation\t\tA new process has been created.    Creator Subject:   Security ID:  S-1-5-21-1004336348-1177238915-682003330-1203   Account Name:  jdupont   Account Domain:  IVRY   Logon ID:  0x3B5F2    Target Subject:   Security ID:  S-1-0-0   Account Name:  -   Account Domain:  -   Logon ID:  0x0    Process Information:   New Process ID:  0x1a2c   New Process Name: C:\\Windows\\System32\\cmd.exe   Token Elevation Type: %%1938   Mandatory Label:  S-1-16-8192   Creator Process ID: 0x1d4c   Creator Process Name: C:\\Windows\\explorer.exe   Process Command Line: cmd.exe /c whoami /all   \t99812';
const SNARE_7045 =
  '<14>Nov 29 13:33:41 srv-app MSWinEventLog\t1\tSystem\t5521\tSun Nov 29 13:33:41 2026\t7045\tService Control Manager\tN/A\tN/A\tInformation\tsrv-app.vitry.local\tNone\t\tA service was installed in the system.    Service Name:  PSEXESVC   Service File Name:  %SystemRoot%\\PSEXESVC.exe   Service Type:  user mode service   Service Start Type:  demand start   Service Account:  LocalSystem\t5521';
const SNARE_1102 =
  '<14>Nov 29 13:33:41 dc01 MSWinEventLog\t1\tSecurity\t77\tSun Nov 29 13:33:41 2026\t1102\tMicrosoft-Windows-Eventlog\tN/A\tN/A\tSuccess Audit\tdc01.vitry.local\tLog clear\t\tThe audit log was cleared.  Subject:   Security ID: S-1-5-21-1004336348-1177238915-682003330-500   Account Name: Administrateur   Domain Name: VITRY   Logon ID: 0x4B2C11\t77';

describe('Windows decoder — NXLog JSON', () => {
  it('maps a real 4625 record', () => {
    const d = doc(`<14>Mar 14 14:54:20 WKS10001 nxlog: ${NXLOG_4625}`);
    expect(d).toMatchObject({
      event: {
        code: '4625',
        action: 'logon-failed',
        outcome: 'failure',
        category: ['authentication'],
        module: 'windows',
        dataset: 'windows.security',
      },
      winlog: {
        event_id: '4625',
        channel: 'Security',
        computer_name: 'WKS10001',
        logon: { type: 'Interactive' },
        record_id: '1444',
      },
      user: { name: 'user', domain: 'WKS10001', id: 'S-1-0-0' },
      source: { ip: '127.0.0.1', port: 0, domain: 'WKS10001' },
      process: { executable: 'C:\\Windows\\System32\\svchost.exe', name: 'svchost.exe', pid: 0x5c8 },
      host: { hostname: 'WKS10001' },
    });
    expect(d.winlog?.event_data).toMatchObject({
      TargetUserName: 'user',
      SubStatus: '0xc000006a',
      LogonType: '2',
      IpAddress: '127.0.0.1',
    });
    expect(d.winlog?.event_data?.EventTime).toBeUndefined();
    expect(d.tags).not.toContain('_unparsed_payload');
  });

  it('reads a bare JSON payload without syslog header and uses EventTime', () => {
    const d = doc(NXLOG_4625);
    expect(d['@timestamp']).toBe('2024-03-14T13:54:16.613Z');
    expect(d.event.code).toBe('4625');
  });

  it.each<[string, Record<string, unknown>, object]>([
    [
      '4624',
      {
        EventID: 4624,
        TargetUserName: 'jdupont',
        TargetDomainName: 'GENTILLY',
        TargetUserSid: 'S-1-5-21-1-2-3-1201',
        TargetLogonId: '0x8a2f11',
        LogonType: '10',
        IpAddress: '192.168.10.44',
        IpPort: '51022',
        WorkstationName: 'PC-URBA-12',
      },
      {
        event: { action: 'logged-in', outcome: 'success' },
        user: { name: 'jdupont', domain: 'GENTILLY' },
        source: { ip: '192.168.10.44', port: 51022 },
        winlog: { logon: { type: 'RemoteInteractive', id: '0x8a2f11' } },
      },
    ],
    [
      '4634',
      {
        EventID: 4634,
        TargetUserName: 'jdupont',
        TargetDomainName: 'GENTILLY',
        TargetLogonId: '0x8a2f11',
        LogonType: '3',
      },
      { event: { action: 'logged-out', type: ['end'] }, user: { name: 'jdupont' } },
    ],
    [
      '4648',
      {
        EventID: 4648,
        SubjectUserName: 'jdupont',
        SubjectDomainName: 'GENTILLY',
        TargetUserName: 'adm-jdupont',
        TargetDomainName: 'GENTILLY',
        TargetServerName: 'srv-fichiers',
        IpAddress: '-',
        ProcessName: 'C:\\Windows\\System32\\runas.exe',
        ProcessId: '0x1f40',
      },
      {
        event: { action: 'logged-in-explicit' },
        user: { name: 'jdupont', effective: { name: 'adm-jdupont' } },
        destination: { domain: 'srv-fichiers' },
        process: { name: 'runas.exe', pid: 8000 },
      },
    ],
    [
      '4672',
      {
        EventID: 4672,
        SubjectUserName: 'adm-jdupont',
        SubjectDomainName: 'GENTILLY',
        SubjectLogonId: '0x8a2f11',
        PrivilegeList: 'SeBackupPrivilege\n\t\t\tSeDebugPrivilege',
      },
      { event: { action: 'logged-in-special', category: ['iam'] }, user: { name: 'adm-jdupont' } },
    ],
    [
      '4688',
      {
        EventID: 4688,
        SubjectUserName: 'jdupont',
        NewProcessName: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
        NewProcessId: '0x2a1c',
        CommandLine: 'powershell.exe -nop -w hidden -enc SQBFAFgA',
        ParentProcessName: 'C:\\Windows\\System32\\cmd.exe',
        ProcessId: '0x1a2c',
      },
      {
        event: { action: 'created-process', category: ['process'], type: ['start'] },
        process: {
          name: 'powershell.exe',
          pid: 0x2a1c,
          command_line: 'powershell.exe -nop -w hidden -enc SQBFAFgA',
          parent: { name: 'cmd.exe', pid: 0x1a2c },
        },
        user: { name: 'jdupont' },
      },
    ],
    [
      '4697',
      {
        EventID: 4697,
        SubjectUserName: 'adm-jdupont',
        ServiceName: 'PSEXESVC',
        ServiceFileName: '%SystemRoot%\\PSEXESVC.exe',
        ServiceType: '0x10',
        ServiceStartType: '3',
        ServiceAccount: 'LocalSystem',
      },
      {
        event: { action: 'service-installed' },
        service: { name: 'PSEXESVC' },
        file: { path: '%SystemRoot%\\PSEXESVC.exe' },
      },
    ],
    [
      '4720',
      {
        EventID: 4720,
        SubjectUserName: 'adm-rh',
        SubjectDomainName: 'GENTILLY',
        TargetUserName: 'mmartin',
        TargetDomainName: 'GENTILLY',
        TargetSid: 'S-1-5-21-1-2-3-1302',
        SamAccountName: 'mmartin',
      },
      {
        event: { action: 'added-user-account', type: ['user', 'creation'] },
        user: { name: 'adm-rh', target: { name: 'mmartin', domain: 'GENTILLY', id: 'S-1-5-21-1-2-3-1302' } },
      },
    ],
    [
      '4722',
      {
        EventID: 4722,
        SubjectUserName: 'adm-rh',
        TargetUserName: 'mmartin',
        TargetDomainName: 'GENTILLY',
        TargetSid: 'S-1-5-21-1-2-3-1302',
      },
      { event: { action: 'enabled-user-account' }, user: { target: { name: 'mmartin' } } },
    ],
    [
      '4724',
      {
        EventID: 4724,
        SubjectUserName: 'helpdesk1',
        TargetUserName: 'mmartin',
        TargetDomainName: 'GENTILLY',
        TargetSid: 'S-1-5-21-1-2-3-1302',
      },
      { event: { action: 'reset-password' }, user: { name: 'helpdesk1', target: { name: 'mmartin' } } },
    ],
    [
      '4725',
      {
        EventID: 4725,
        SubjectUserName: 'adm-rh',
        TargetUserName: 'mmartin',
        TargetDomainName: 'GENTILLY',
        TargetSid: 'S-1-5-21-1-2-3-1302',
      },
      { event: { action: 'disabled-user-account' } },
    ],
    [
      '4726',
      {
        EventID: 4726,
        SubjectUserName: 'adm-rh',
        TargetUserName: 'mmartin',
        TargetDomainName: 'GENTILLY',
        TargetSid: 'S-1-5-21-1-2-3-1302',
      },
      { event: { action: 'deleted-user-account', type: ['user', 'deletion'] } },
    ],
    [
      '4728',
      {
        EventID: 4728,
        SubjectUserName: 'adm-si',
        MemberName: 'CN=Martin\\, Marie,OU=Utilisateurs,DC=gentilly,DC=local',
        MemberSid: 'S-1-5-21-1-2-3-1302',
        TargetUserName: 'Admins du domaine',
        TargetDomainName: 'GENTILLY',
        TargetSid: 'S-1-5-21-1-2-3-512',
      },
      {
        event: { action: 'added-member-to-group', type: ['group', 'change'] },
        group: { name: 'Admins du domaine', id: 'S-1-5-21-1-2-3-512' },
        user: { name: 'adm-si', target: { name: 'Martin, Marie', id: 'S-1-5-21-1-2-3-1302' } },
      },
    ],
    [
      '4732',
      {
        EventID: 4732,
        SubjectUserName: 'adm-si',
        MemberName: '-',
        MemberSid: 'S-1-5-21-1-2-3-1302',
        TargetUserName: 'Administrators',
        TargetDomainName: 'Builtin',
        TargetSid: 'S-1-5-32-544',
      },
      { group: { name: 'Administrators', domain: 'Builtin' }, user: { target: { id: 'S-1-5-21-1-2-3-1302' } } },
    ],
    [
      '4740',
      {
        EventID: 4740,
        SubjectUserName: 'DC01$',
        TargetUserName: 'jdupont',
        TargetDomainName: 'PC-URBA-12',
        TargetSid: 'S-1-5-21-1-2-3-1201',
      },
      { event: { action: 'locked-out-user-account' }, user: { target: { name: 'jdupont' } } },
    ],
    [
      '4756',
      {
        EventID: 4756,
        SubjectUserName: 'adm-si',
        MemberName: 'CN=jdupont,OU=Utilisateurs,DC=gentilly,DC=local',
        MemberSid: 'S-1-5-21-1-2-3-1201',
        TargetUserName: 'VPN-Users',
        TargetDomainName: 'GENTILLY',
        TargetSid: 'S-1-5-21-1-2-3-2101',
      },
      { group: { name: 'VPN-Users' }, user: { target: { name: 'jdupont' } } },
    ],
    [
      '1102',
      {
        EventID: 1102,
        SourceName: 'Microsoft-Windows-Eventlog',
        SubjectUserName: 'Administrateur',
        SubjectDomainName: 'GENTILLY',
        SubjectUserSid: 'S-1-5-21-1-2-3-500',
      },
      {
        event: { action: 'audit-log-cleared' },
        user: { name: 'Administrateur' },
        winlog: { provider_name: 'Microsoft-Windows-Eventlog' },
      },
    ],
    [
      '7045',
      {
        EventID: 7045,
        Channel: 'System',
        SourceName: 'Service Control Manager',
        EventType: 'INFO',
        ServiceName: 'PSEXESVC',
        ImagePath: '%SystemRoot%\\PSEXESVC.exe',
        ServiceType: 'user mode service',
        StartType: 'demand start',
        AccountName: 'LocalSystem',
      },
      {
        event: { action: 'service-installed', dataset: 'windows.system' },
        winlog: {
          channel: 'System',
          event_data: { AccountName: 'LocalSystem', ImagePath: '%SystemRoot%\\PSEXESVC.exe' },
        },
        service: { name: 'PSEXESVC' },
      },
    ],
  ])('maps %s', (id, fields, expected) => {
    const d = doc(nx(fields));
    expect(d).toMatchObject(expected);
    expect(d.winlog?.event_id).toBe(id);
    expect(d.event.code).toBe(id);
  });
});

describe('Windows decoder — Snare', () => {
  it('maps 4624 inside RFC 5424', () => {
    const d = doc(SNARE_4624);
    expect(d).toMatchObject({
      event: { code: '4624', action: 'logged-in', outcome: 'success' },
      user: { name: 'FOOHOST$', domain: 'DOMAIN', id: 'S-1-5-21-1004336348-1177238915-682003330-1105' },
      source: { ip: '10.10.10.10', port: 62029 },
      winlog: {
        channel: 'Security',
        logon: { type: 'Network', id: '0x8f2a1e' },
        event_data: {
          LogonProcessName: 'Kerberos',
          TargetLogonGuid: '{79b6eb79-7bcc-8a2e-7dad-953c51dc00fd}',
          SubjectUserName: '-',
        },
      },
    });
  });

  it('maps 4634', () => {
    const d = doc(SNARE_4634);
    expect(d).toMatchObject({
      event: { action: 'logged-out' },
      user: { name: 'BLUB$' },
      winlog: { event_data: { LogonType: '3', SubjectLogonId: '0x8f2a1e' } },
    });
  });

  it('maps 4625 without syslog header, cutting the explanation text', () => {
    const d = doc(SNARE_4625_PURE);
    expect(d).toMatchObject({
      event: { action: 'logon-failed', outcome: 'failure', reason: 'Unknown user name or bad password.' },
      user: { name: 'jdupont', domain: 'IVRY' },
      source: { ip: '192.168.40.17', port: 51234, domain: 'PC-ACCUEIL' },
      winlog: {
        computer_name: 'ws042.ivry.local',
        event_data: { SubStatus: '0xC000006A', KeyLength: '0', LmPackageName: '-' },
      },
    });
  });

  it('maps 4726 with single-space separators', () => {
    const d = doc(SNARE_4726);
    expect(d).toMatchObject({
      event: { action: 'deleted-user-account' },
      user: {
        name: 'Administrator',
        domain: 'TESTWIN',
        target: { name: 'admintest', domain: 'TESTWIN', id: 'S-1-5-21-2081084977-3747244460-254679223-1126' },
      },
      winlog: { keywords: ['Audit Success'] },
    });
  });

  it('maps 4688 process creation', () => {
    const d = doc(SNARE_4688);
    expect(d).toMatchObject({
      process: {
        executable: 'C:\\Windows\\System32\\cmd.exe',
        name: 'cmd.exe',
        pid: 0x1a2c,
        command_line: 'cmd.exe /c whoami /all',
        parent: { executable: 'C:\\Windows\\explorer.exe', pid: 0x1d4c },
      },
      user: { name: 'jdupont', domain: 'IVRY' },
      winlog: {
        event_data: {
          NewProcessName: 'C:\\Windows\\System32\\cmd.exe',
          CommandLine: 'cmd.exe /c whoami /all',
          SubjectUserName: 'jdupont',
          TargetUserName: '-',
        },
      },
    });
  });

  it('maps 7045 on the System channel with its own EventData names', () => {
    const d = doc(SNARE_7045);
    expect(d).toMatchObject({
      service: { name: 'PSEXESVC' },
      winlog: {
        channel: 'System',
        event_data: { ImagePath: '%SystemRoot%\\PSEXESVC.exe', AccountName: 'LocalSystem', StartType: 'demand start' },
      },
    });
  });

  it('maps 1102', () => {
    const d = doc(SNARE_1102);
    expect(d).toMatchObject({
      event: { action: 'audit-log-cleared' },
      user: { name: 'Administrateur', domain: 'VITRY' },
    });
  });
});
