import { load, matches, ruleYaml } from './spec-helpers';

describe('search identifiers', () => {
  it('a map is an AND of its fields', () => {
    const det = { sel: { EventLog: 'Security', EventID: [517, 1102] }, condition: 'sel' };
    expect(matches(det, { EventLog: 'Security', EventID: 1102 })).toBe(true);
    expect(matches(det, { EventLog: 'Security', EventID: 4624 })).toBe(false);
    expect(matches(det, { EventLog: 'System', EventID: 517 })).toBe(false);
  });

  it('a list of maps is an OR of the maps (specification example)', () => {
    const det = {
      selection: [{ 'Image|endswith': '\\example.exe' }, { 'Description|contains': 'Test executable' }],
      condition: 'selection',
    };
    expect(matches(det, { Image: 'C:\\x\\example.exe' })).toBe(true);
    expect(matches(det, { Description: 'A test executable here' })).toBe(true);
    expect(matches(det, { Image: 'C:\\x\\other.exe', Description: 'nothing' })).toBe(false);
  });

  it('a field value list is an OR', () => {
    const det = { sel: { f: ['a', 'b'] }, condition: 'sel' };
    expect(matches(det, { f: 'B' })).toBe(true);
    expect(matches(det, { f: 'c' })).toBe(false);
  });

  it('matches every element of an array field value', () => {
    expect(
      matches({ sel: { 'event.category': 'network' }, condition: 'sel' }, { event: { category: ['host', 'network'] } }),
    ).toBe(true);
  });

  it('reads nested ECS objects and flattened dotted keys', () => {
    const det = { sel: { 'winlog.event_data.TargetUserName': 'bob' }, condition: 'sel' };
    expect(matches(det, { winlog: { event_data: { TargetUserName: 'bob' } } })).toBe(true);
    expect(matches(det, { 'winlog.event_data': { TargetUserName: 'bob' } })).toBe(true);
    expect(matches(det, { 'winlog.event_data.TargetUserName': 'bob' })).toBe(true);
  });
});

describe('keywords', () => {
  it('a plain list searches the message (OR), as a substring, case-insensitively', () => {
    const det = { keywords: ['event::clear', 'event::drop'], condition: 'keywords' };
    expect(matches(det, { message: 'mimikatz # EVENT::Drop' })).toBe(true);
    expect(matches(det, { message: 'nothing' })).toBe(false);
  });

  it("'|all' links keywords with AND (specification example)", () => {
    const det = {
      keywords_cmdlet: { '|all': ['OabVirtualDirectory', ' -ExternalUrl '] },
      condition: 'keywords_cmdlet',
    };
    expect(matches(det, { message: 'Set-OabVirtualDirectory -ExternalUrl http://x' })).toBe(true);
    expect(matches(det, { message: 'Set-OabVirtualDirectory' })).toBe(false);
  });

  it('keyword wildcards apply inside the text', () => {
    const det = { keywords: ['failed*root'], condition: 'keywords' };
    expect(matches(det, { message: 'pam: Failed password for root from x' })).toBe(true);
    expect(matches(det, { message: 'Failed password for admin' })).toBe(false);
  });

  it('also searches event.original with the ECS mapping keyword fields', () => {
    const det = { keywords: ['segfault'], condition: 'keywords' };
    expect(
      matches(
        det,
        { event: { original: 'kernel: app[1]: segfault at 0' } },
        {
          mapping: {
            keywordFields: ['message', 'event.original'],
            genericConstraintFields: [],
            indexFields: [],
            fields: {},
            logsources: [],
          },
        },
      ),
    ).toBe(true);
  });
});

describe('null, empty string, numbers and booleans', () => {
  const nullDet = { sel: { f: null }, condition: 'sel' };
  const emptyDet = { sel: { f: '' }, condition: 'sel' };
  it('null matches an absent or null field, not an empty string', () => {
    expect(matches(nullDet, { g: 1 })).toBe(true);
    expect(matches(nullDet, { f: null })).toBe(true);
    expect(matches(nullDet, { f: '' })).toBe(false);
    expect(matches(nullDet, { f: 'x' })).toBe(false);
  });
  it("'' matches only an empty string", () => {
    expect(matches(emptyDet, { f: '' })).toBe(true);
    expect(matches(emptyDet, { g: 1 })).toBe(false);
    expect(matches(emptyDet, { f: null })).toBe(false);
    expect(matches(emptyDet, { f: 'x' })).toBe(false);
  });
  it('"not null" via a negated selection (specification example)', () => {
    const det = {
      selection: { EventID: 4738 },
      filter: { PasswordLastSet: null },
      condition: 'selection and not filter',
    };
    expect(matches(det, { EventID: '4738', PasswordLastSet: '2024-01-01' })).toBe(true);
    expect(matches(det, { EventID: '4738' })).toBe(false);
  });
  it('numbers match numeric and string field values', () => {
    const det = { sel: { EventID: 4625 }, condition: 'sel' };
    expect(matches(det, { EventID: 4625 })).toBe(true);
    expect(matches(det, { EventID: '4625' })).toBe(true);
    expect(matches(det, { EventID: '46250' })).toBe(false);
  });
  it('string values match numeric fields', () => {
    expect(matches({ sel: { port: '22' }, condition: 'sel' }, { port: 22 })).toBe(true);
    expect(matches({ sel: { 'port|startswith': '44' }, condition: 'sel' }, { port: 443 })).toBe(true);
  });
  it('booleans match booleans and "true"/"false" strings', () => {
    const det = { sel: { flag: true }, condition: 'sel' };
    expect(matches(det, { flag: true })).toBe(true);
    expect(matches(det, { flag: 'TRUE' })).toBe(true);
    expect(matches(det, { flag: false })).toBe(false);
  });
  it('a lone * matches any present value, including empty, but not an absent field', () => {
    const det = { sel: { f: '*' }, condition: 'sel' };
    expect(matches(det, { f: '' })).toBe(true);
    expect(matches(det, { f: 'x' })).toBe(true);
    expect(matches(det, {})).toBe(false);
  });
});

describe('structural errors are reported, never thrown', () => {
  it.each([
    [{ sel: { f: [] }, condition: 'sel' }, 'empty value list'],
    [{ sel: { f: { nested: 1 } }, condition: 'sel' }, 'a map is not a value'],
    [{ sel: {}, condition: 'sel' }, 'empty map'],
    [{ sel: { f: 'x' } }, 'no condition'],
    [{ sel: { f: 'x' }, condition: 'other' }, "unknown search identifier 'other'"],
    [{ sel: { f: 'x' }, condition: 'sel and' }, 'unexpected end'],
    [{ sel: { f: 'x' }, condition: '1 of nothing*' }, 'matches no search identifier'],
    [{ sel: { f: 'x' }, condition: 'sel | count() > 5' }, undefined],
  ])('%j', (detection, reason) => {
    const res = load(ruleYaml(detection));
    expect(res.rules).toHaveLength(0);
    expect(res.problems).toHaveLength(1);
    if (reason) expect(res.problems[0].reason).toContain(reason);
    else expect(res.problems[0].status).toBe('unsupported');
  });
});
