import { describe, expect, it } from 'vitest';
import { compileFilterPattern, FilterPatternError } from './filter-pattern';

// Examples from AWS's "Filter pattern syntax" page, plus edge cases around them.
const cloudTrail = JSON.stringify({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  SomeObject: null,
  ThisFlag: true,
});
const users = JSON.stringify({
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [
    { id: 2, email: 'John.Doe@example.com' },
    { id: 3, email: 'Jane.Doe@example.com' },
  ],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [
    [0, 1, 2],
    [4, 5, 6],
    [7, 8, 9],
  ],
});
const order = JSON.stringify({ detail: { orderId: 'abc', value: 12.5, location: 'us-east', express: false }, source: 'com.aws.orders' });
const access = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 404 1534';

const cases: Array<[pattern: string, message: string, expected: boolean]> = [
  // Empty pattern matches everything.
  ['', 'anything', true],
  // Single terms: case-sensitive substring.
  ['ERROR', '[ERROR 400] BAD REQUEST', true],
  ['ERROR', 'Exiting with ERRORCODE: -1', true],
  ['ERROR', 'error: lower case', false],
  // Multiple terms: all must occur, in any order.
  ['ERROR ARGUMENTS', '[ERROR 419] MISSING ARGUMENTS', true],
  ['ERROR ARGUMENTS', '[ERROR 400] BAD REQUEST', false],
  ['ARGUMENTS ERROR', '[ERROR 419] MISSING ARGUMENTS', true],
  // Quoted phrases.
  ['"INTERNAL SERVER ERROR"', '[ERROR 500] INTERNAL SERVER ERROR', true],
  ['"INTERNAL SERVER ERROR"', '[ERROR 500] INTERNAL SERVER', false],
  ['"Cloud watch"', 'Cloud logs watch', false],
  ['"#Cloud"', '#Cloud watch', true],
  ['"ERROR" "Exception"', '[ERROR] Caught IllegalArgumentException', true],
  ['"say \\"hi\\""', 'they say "hi" here', true],
  // OR terms.
  ['?ERROR ?WARN', 'ERROR WARN message', true],
  ['?ERROR ?WARN', 'WARN message', true],
  ['?ERROR ?WARN', 'INFO message', false],
  // Exclusion.
  ['ERROR -WARN', 'ERROR message', true],
  ['ERROR -WARN', 'ERROR WARN message', false],
  ['"ERROR" - "Exiting"', 'Exiting with ERRORCODE: -1', false],
  ['"ERROR" - "Exiting"', '[ERROR] A fatal exception has occurred', true],
  // Regular expressions.
  ['%AUTHORIZED%', '[ERROR 401] UNAUTHORIZED REQUEST', true],
  ['%^AUTHORIZED%', '[ERROR 401] UNAUTHORIZED REQUEST', false],
  ['%colou?r%', 'the color red', true],
  ['%gray|grey%', 'a grey cat', true],
  // JSON equality, wildcards, arrays.
  ['{ $.eventType = "UpdateTrail" }', cloudTrail, true],
  ['{ $.eventType = UpdateTrail }', cloudTrail, true],
  ['{ $.eventType = "CreateTrail" }', cloudTrail, false],
  ['{ $.eventType = "Update*" }', cloudTrail, true],
  ['{ $.eventType = "*Trail" }', cloudTrail, true],
  ['{ $.eventType = "*date*" }', cloudTrail, true],
  ['{ $.eventType = "Up*Trail" }', cloudTrail, false],
  ['{ $.sourceIPAddress != 123.123.* }', cloudTrail, true],
  ['{ $.sourceIPAddress != 111.111.* }', cloudTrail, false],
  ['{ $.arrayKey[0] = "value" }', cloudTrail, true],
  ['{ $.arrayKey[1] = "value" }', cloudTrail, false],
  ['{ $.objectList[1].id = 2 }', cloudTrail, true],
  ['{ $.objectList[5].id = 2 }', cloudTrail, false],
  ['{ $.eventType = %Update% }', cloudTrail, true],
  // IS NULL, NOT EXISTS, IS TRUE/FALSE.
  ['{ $.SomeObject IS NULL }', cloudTrail, true],
  ['{ $.eventType IS NULL }', cloudTrail, false],
  ['{ $.SomeOtherObject NOT EXISTS }', cloudTrail, true],
  ['{ $.SomeObject NOT EXISTS }', cloudTrail, false],
  ['{ $.ThisFlag IS TRUE }', cloudTrail, true],
  ['{ $.ThisFlag IS FALSE }', cloudTrail, false],
  ['{ $.detail.express IS FALSE }', order, true],
  // Selectors that point at containers or at nothing match neither = nor !=.
  ['{ $.arrayKey = "value" }', cloudTrail, false],
  ['{ $.arrayKey != "value" }', cloudTrail, false],
  ['{ $.missing != "value" }', cloudTrail, false],
  // Numbers.
  ['{ $.detail.value > 10 }', order, true],
  ['{ $.detail.value >= 12.5 }', order, true],
  ['{ $.detail.value < 12.5 }', order, false],
  ['{ $.detail.value <= 1.25e1 }', order, true],
  ['{ $.detail.value = 12.5 }', order, true],
  ['{ $.detail.value != 12.5 }', order, false],
  ['{ $.detail.value > +100 }', order, false],
  ['{ $.detail.orderId > 10 }', order, false],
  // The stack's own pattern: one order by id.
  ['{ $.detail.orderId = "abc" }', order, true],
  ['{ $.detail.orderId = "abd" }', order, false],
  // Compound conditions: && binds tighter than ||, parentheses regroup.
  ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', users, true],
  ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', users, false],
  ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }', users, true],
  ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }', users, false],
  ['{ $.detail.location = "us-*" && $.detail.value > 10 }', order, true],
  ['{ $.source = "com.aws.orders" || $.nothing = 1 }', order, true],
  // JSON patterns never match non-JSON lines.
  ['{ $.a = 1 }', 'a = 1', false],
  ['{ $.a NOT EXISTS }', 'not json', false],
  // Space-delimited patterns.
  ['[ip, user, username, timestamp, request, status_code, bytes]', access, true],
  ['[ip, user, username, timestamp, request, status_code = 404, bytes]', access, true],
  ['[ip, user, username, timestamp, request, status_code = 4*, bytes > 1000]', access, true],
  ['[ip, user, username, timestamp, request, status_code = 5*, bytes]', access, false],
  ['[ip, user, username, timestamp, request = *gif*, status_code != 200, bytes]', access, true],
  ['[..., status_code, bytes > 2000]', access, false],
  ['[ip, user, ...]', access, true],
  ['[ip = 127.0.0.1, ..., bytes = 1534]', access, true],
  ['[ip, user]', access, false],
  ['[w1=ERROR, w2]', 'ERROR message', true],
  ['[w1=ERROR || w1=WARN, w2]', 'WARN message', true],
  ['[w1=ERROR || w1=WARN, w2]', 'INFO message', false],
];

describe('compileFilterPattern', () => {
  it.each(cases)('%s against %s → %s', (pattern, message, expected) => {
    expect(compileFilterPattern(pattern)(message)).toBe(expected);
  });

  const invalid: Array<[pattern: string, message: string]> = [
    ['{ $.a = 1', "If a filter pattern starts with '{' it must end with '}'"],
    ['[a, b', "If a filter pattern starts with '[' it must end with ']'"],
    ['{ }', 'Invalid filter pattern'],
    ['{ $.a = }', 'Invalid filter pattern'],
    ['{ a = 1 }', 'Invalid filter pattern'],
    ['{ $.a > abc }', 'Invalid filter pattern'],
    ['{ $.a = 1 && }', 'Invalid filter pattern'],
    ['{ ($.a = 1 }', 'Invalid filter pattern'],
    ['{ $.a IS MAYBE }', 'Invalid filter pattern'],
    ['"unterminated', 'Invalid filter pattern'],
    ['""', `Invalid filter pattern: Invalid character(s) in term '""'`],
    ['caf\u00e9', "Invalid filter pattern: Invalid character(s) in term 'caf\u00e9'"],
    ['\u201cquoted\u201d', "Invalid filter pattern: Invalid character(s) in term '\u201cquoted\u201d'"],
    ['ERROR ?', "Invalid filter pattern: Invalid character(s) in term '?'"],
    ['%a(b)%', 'Invalid filter pattern'],
    ['%something!%', 'Invalid filter pattern'],
  ];
  it.each(invalid)('rejects %s', (pattern, message) => {
    let thrown: unknown;
    try {
      compileFilterPattern(pattern);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(FilterPatternError);
    expect((thrown as Error).message).toBe(message);
  });
});
