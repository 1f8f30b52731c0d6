// Routing rules: what each kind of rule matches, that the first enabled rule by position wins with a
// reason a person can read, and that rules which cannot work or could freeze routing are refused in words.
import { describe, expect, it } from 'vitest';
import { DocketError } from '../../main/api/errors.ts';
import {
  firstMatchingRule,
  hasNestedQuantifier,
  requesterEmail,
  validateRule,
  type RoutingRule,
  type RuleMatch,
  type RuleSubject,
} from '../../main/records/rules.ts';

let nextId = 1;
function rule(
  match: RuleMatch,
  pattern: string,
  value: string,
  extra: Partial<RoutingRule> = {},
): RoutingRule {
  const id = nextId++;
  return { id, task: 'queue', match, pattern, value, position: id, enabled: true, ...extra };
}

const ticket = (
  subject: string | null,
  body: string | null = null,
  requester: string | null = null,
): RuleSubject => ({
  subject,
  body,
  requester,
});

function refusal(match: RuleMatch, pattern: string): string {
  try {
    validateRule({ match, pattern });
  } catch (e) {
    expect(e).toBeInstanceOf(DocketError);
    expect((e as DocketError).code).toBe('BAD_INPUT');
    return (e as DocketError).message;
  }
  throw new Error(`"${pattern}" was accepted as a ${match} rule`);
}

describe('keyword rules', () => {
  const refund = rule('keyword', 'refund', 'Billing', { id: 3 });

  it('match whole words, ignoring case and accents, in the subject or the body', () => {
    expect(firstMatchingRule([refund], 'queue', ticket('REFUND please'))?.reason).toBe(
      'Rule 3: the subject or body contains “refund” → Billing',
    );
    expect(firstMatchingRule([refund], 'queue', ticket('Hello', 'I want a refund.'))).not.toBeNull();
    expect(firstMatchingRule([refund], 'queue', ticket('refunds and refunding'))).toBeNull();
    expect(firstMatchingRule([refund], 'queue', ticket('prerefund'))).toBeNull();
    const facture = rule('keyword', 'Facture impayée', 'Billing');
    expect(firstMatchingRule([facture], 'queue', ticket(null, 'Votre FACTURE IMPAYEE n° 12'))).not.toBeNull();
    expect(firstMatchingRule([facture], 'queue', ticket(null, 'facture-impayée'))).not.toBeNull();
    expect(firstMatchingRule([facture], 'queue', ticket(null, 'facture payée, impayée'))).toBeNull();
  });

  it('do not let a phrase run from the subject into the body', () => {
    const phrase = rule('keyword', 'password reset', 'Access');
    expect(firstMatchingRule([phrase], 'queue', ticket('My password', 'reset it'))).toBeNull();
    expect(firstMatchingRule([phrase], 'queue', ticket('Password  reset needed', null))).not.toBeNull();
  });
});

describe('regex rules', () => {
  it('match case-insensitively across subject and body', () => {
    const r = rule('regex', '^order\\s+#?\\d{5}$', 'Orders', { id: 7 });
    expect(firstMatchingRule([r], 'queue', ticket('x', 'ORDER #12345'))).toBeNull(); // no m flag: whole text
    const inv = rule('regex', 'inv-\\d{4}\\b', 'Billing', { id: 8 });
    const hit = firstMatchingRule([inv], 'queue', ticket('About INV-2024 and more'));
    expect(hit?.reason).toBe('Rule 8: the subject or body matches the pattern “inv-\\d{4}\\b” → Billing');
    expect(
      firstMatchingRule([rule('regex', 'subject\\nbody', 'X')], 'queue', ticket('subject', 'body')),
    ).not.toBeNull();
    expect(firstMatchingRule([rule('regex', 'ß', 'X')], 'queue', ticket('STRASSE ẞ'))).not.toBeNull();
  });

  it('see only the first 20,000 characters of a ticket', () => {
    const r = rule('regex', 'needle', 'Found');
    expect(firstMatchingRule([r], 'queue', ticket(null, `${'x '.repeat(5_000)} needle`))).not.toBeNull();
    expect(firstMatchingRule([r], 'queue', ticket(null, `${'x '.repeat(10_001)} needle`))).toBeNull();
  });

  it('that do not compile, are too long or could backtrack for ever are refused, saying why', () => {
    expect(refusal('regex', '(unclosed')).toMatch(/“\(unclosed” does not compile: .*group/i);
    expect(refusal('regex', 'a'.repeat(301))).toMatch(/301 characters long; at most 300/);
    for (const bad of [
      '(a+)+',
      '(.*)*',
      '(\\w+\\s?)*',
      '(?:x|y+)+$',
      '((ab)*c)+',
      '(\\d+){2,}',
      '([a-z]+\\.)+com',
    ])
      expect(refusal('regex', bad)).toMatch(/could .*freeze routing|freeze routing/);
    // Fine: repeats that are not nested, bounded inner repeats, quantifier characters that are literal.
    for (const ok of [
      'a+b*',
      '(ab)+',
      '(\\d{1,3}\\.){3}\\d{1,3}',
      '[+*]+',
      '\\(a+\\)+',
      '(a+)?',
      '\\p{L}+(x)+',
    ])
      expect(() => validateRule({ match: 'regex', pattern: ok }), ok).not.toThrow();
    expect(hasNestedQuantifier('(a+)+')).toBe(true);
    expect(hasNestedQuantifier('([+])+')).toBe(false);
  });

  it('run in time proportional to the text, even patterns that backtrack catastrophically elsewhere', () => {
    // Each of these takes seconds to minutes on a backtracking engine with such a subject.
    const slow = ['^(\\w|\\d)*!$', '^.*.*.*.*.*x$', '(?:a|ab|abc)*z', '^(a|a)*$'];
    for (const pattern of slow) {
      expect(() => validateRule({ match: 'regex', pattern })).not.toThrow();
      const rule = {
        id: 1,
        task: 'queue' as const,
        match: 'regex' as const,
        pattern,
        value: 'X',
        position: 1,
        enabled: true,
      };
      const started = performance.now();
      firstMatchingRule([rule], 'queue', {
        subject: `${'1'.repeat(5000)}a`,
        body: 'a'.repeat(5000),
        requester: null,
      });
      expect(performance.now() - started).toBeLessThan(1000);
    }
    // Features that need backtracking are refused in words.
    for (const pattern of ['(a)\\1', 'refund(?=s)']) {
      expect(() => validateRule({ match: 'regex', pattern })).toThrow(/guaranteed time/);
    }
    // Upper-case letters in a pattern still match any case; escapes keep their meaning.
    const rule = {
      id: 2,
      task: 'queue' as const,
      match: 'regex' as const,
      pattern: 'ORDER\\s+\\D?\\d+',
      value: 'Orders',
      position: 1,
      enabled: true,
    };
    expect(
      firstMatchingRule([rule], 'queue', { subject: 'order #123', body: null, requester: null })?.rule.value,
    ).toBe('Orders');
  });

  it('that were stored before they became invalid never fire and never throw', () => {
    const stored = [
      rule('regex', '(a+)+$', 'Slow'),
      rule('regex', '[', 'Broken'),
      rule('keyword', 'aaa', 'Ok'),
    ];
    expect(firstMatchingRule(stored, 'queue', ticket(`${'a'.repeat(40)}!`, 'aaa'))?.rule.value).toBe('Ok');
  });
});

describe('sender and domain rules', () => {
  it('match the requester’s address, also as "Name <address>"', () => {
    const r = rule('sender', 'Boss@Acme.com', 'VIP', { id: 4 });
    expect(firstMatchingRule([r], 'queue', ticket('hi', null, 'The Boss <boss@ACME.com>'))?.reason).toBe(
      'Rule 4: sent by boss@acme.com → VIP',
    );
    expect(firstMatchingRule([r], 'queue', ticket('hi', null, 'boss@acme.com.evil.org'))).toBeNull();
    expect(firstMatchingRule([r], 'queue', ticket('boss@acme.com', null, null))).toBeNull();
  });

  it('match a domain and its subdomains, written with or without "@"', () => {
    const r = rule('domain', '@acme.com', 'Key accounts', { id: 5 });
    expect(firstMatchingRule([r], 'queue', ticket('hi', null, 'ann@acme.com'))?.reason).toBe(
      'Rule 5: sent from @acme.com → Key accounts',
    );
    const bare = rule('domain', 'ACME.com', 'Key accounts');
    expect(firstMatchingRule([bare], 'queue', ticket('hi', null, 'Ann <ann@mail.acme.com>'))).not.toBeNull();
    expect(firstMatchingRule([bare], 'queue', ticket('hi', null, 'ann@notacme.com'))).toBeNull();
    expect(firstMatchingRule([bare], 'queue', ticket('hi', null, 'ann@acme.com.evil.org'))).toBeNull();
    expect(firstMatchingRule([bare], 'queue', ticket('acme.com', null, 'not an address'))).toBeNull();
  });

  it('refuse a sender that is not an email and a domain that is not a domain', () => {
    expect(refusal('sender', 'boss')).toMatch(/“boss” is not an email address/);
    expect(refusal('sender', 'Boss <boss@acme.com>')).toMatch(/not an email address/);
    for (const bad of ['acme', 'acme..com', '-acme.com', 'acme.com/path', 'ann@acme.com', '@', 'acme.c'])
      expect(refusal('domain', bad)).toMatch(/is not a domain/);
    for (const ok of ['acme.com', '@acme.com', 'mail.acme.co.uk', 'münchen.de', 'xn--mnchen-3ya.de'])
      expect(() => validateRule({ match: 'domain', pattern: ok }), ok).not.toThrow();
    expect(() => validateRule({ match: 'sender', pattern: 'ann.lee+tickets@acme.co.uk' })).not.toThrow();
  });

  it('read the address out of the requester field', () => {
    expect(requesterEmail('"Lee, Ann" <Ann.Lee@Acme.com>')).toBe('ann.lee@acme.com');
    expect(requesterEmail('ann@acme.com (Ann)')).toBe('ann@acme.com');
    expect(requesterEmail('Ann Lee')).toBeNull();
    expect(requesterEmail(null)).toBeNull();
  });
});

describe('rule precedence', () => {
  it('tries enabled rules of the task in position order; the first match wins', () => {
    const rules = [
      rule('keyword', 'refund', 'Billing', { position: 2 }),
      rule('domain', 'acme.com', 'Key accounts', { position: 1, enabled: false }),
      rule('keyword', 'urgent', 'High', { task: 'priority', position: 0 }),
      rule('sender', 'ann@acme.com', 'Ann’s queue', { position: 3 }),
    ];
    const t = ticket('Urgent refund', null, 'ann@acme.com');
    expect(firstMatchingRule(rules, 'queue', t)?.rule.value).toBe('Billing');
    expect(firstMatchingRule(rules, 'priority', t)?.rule.value).toBe('High');
    rules[1]!.enabled = true;
    expect(firstMatchingRule(rules, 'queue', t)?.rule.value).toBe('Key accounts');
    expect(firstMatchingRule([], 'queue', t)).toBeNull();
  });

  it('refuses an empty pattern and a keyword without letters', () => {
    expect(refusal('keyword', '   ')).toMatch(/no pattern/);
    expect(refusal('keyword', '!!!')).toMatch(/no letter or digit/);
  });
});
