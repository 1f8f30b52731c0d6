// Routing rules an admin defines for tickets (keyword, regex, sender or domain → queue or priority). A rule
// that fires always wins over the model, and its sentence is shown as the reason. Rules are checked when
// saved (validateRule) so that a rule that cannot work, or could freeze routing, is refused in words.
import { setFlagsFromString } from 'node:v8';
import { DocketError } from '../api/errors.ts';
import { foldText } from '../invoices/rules/text.ts';
import { containsPhrase, foldedWords } from './keyword-tagger.ts';

export const RULE_MATCHES = ['keyword', 'regex', 'sender', 'domain'] as const;
export type RuleMatch = (typeof RULE_MATCHES)[number];
export type RuleTask = 'queue' | 'priority';

export interface RoutingRule {
  id: number;
  task: RuleTask;
  match: RuleMatch;
  pattern: string;
  /** The queue or priority the rule sets. */
  value: string;
  /** Rules are tried lowest position first. */
  position: number;
  enabled: boolean;
}

export interface RuleSubject {
  subject: string | null;
  body: string | null;
  /** An address, or "Name <address>". */
  requester: string | null;
}

export const MAX_REGEX_LENGTH = 300;
/** A regex sees at most this much of a ticket, so that one huge message cannot stall routing. */
export const REGEX_TEXT_LIMIT = 20_000;

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/u;
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
const DOMAIN = new RegExp(`^(?:${LABEL}\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9-]{1,59})$`, 'u');

function refuse(message: string): never {
  throw new DocketError('BAD_INPUT', message, { issues: [{ path: 'pattern', message }] });
}

/** "@Acme.com" and "acme.com" → "acme.com". */
function domainOf(pattern: string): string {
  return pattern.trim().replace(/^@/, '').replace(/\.$/, '').toLowerCase();
}

/**
 * Whether a regex repeats a group that itself holds an unbounded repeat ((a+)+, (.*)*, (\w+\s?)*): the
 * classic shape of catastrophic backtracking. A heuristic over the pattern's text, not a proof: it skips
 * escapes and character classes and tracks which groups contain +, * or {n,}.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  const groups: boolean[] = []; // per open group: whether it holds an unbounded repeat
  let lastGroupUnbounded = false; // the group that just closed, waiting for its quantifier
  const unboundedAt = (i: number): number => {
    // Length of an unbounded quantifier starting at i, or 0.
    const c = pattern[i];
    if (c === '+' || c === '*') return 1;
    const m = c === '{' ? /^\{\d+,\}/.exec(pattern.slice(i)) : null;
    return m ? m[0].length : 0;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const afterGroup = lastGroupUnbounded;
    lastGroupUnbounded = false;
    if (c === '\\') {
      // \p{L}, \u{1F600}, \k<name>: skip the braces or brackets with the escape.
      const next = pattern[i + 1];
      i++;
      if ((next === 'p' || next === 'P' || next === 'u') && pattern[i + 1] === '{') {
        const end = pattern.indexOf('}', i);
        if (end > 0) i = end;
      } else if (next === 'k' && pattern[i + 1] === '<') {
        const end = pattern.indexOf('>', i);
        if (end > 0) i = end;
      }
    } else if (c === '[') {
      // A character class: everything up to the unescaped ']' is literal.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '(') {
      groups.push(false);
    } else if (c === ')') {
      const inner = groups.pop() ?? false;
      lastGroupUnbounded = inner;
      if (groups.length > 0 && inner) groups[groups.length - 1] = true;
    } else {
      const len = unboundedAt(i);
      if (len > 0) {
        if (afterGroup) return true;
        if (groups.length > 0) groups[groups.length - 1] = true;
        i += len - 1;
      }
    }
  }
  return false;
}

/** Refuses a rule that cannot work or could freeze routing (DocketError BAD_INPUT, in words). */
export function validateRule(rule: { match: RuleMatch; pattern: string }): void {
  const pattern = rule.pattern;
  if (pattern.trim() === '') refuse('The rule has no pattern: say what it should look for.');
  switch (rule.match) {
    case 'keyword':
      if (foldedWords(pattern).length === 0)
        refuse(`The keyword “${pattern}” has no letter or digit; a keyword rule matches whole words.`);
      return;
    case 'regex': {
      if (pattern.length > MAX_REGEX_LENGTH)
        refuse(
          `The regular expression is ${pattern.length} characters long; at most ${MAX_REGEX_LENGTH} are allowed.`,
        );
      try {
        new RegExp(pattern, 'u');
      } catch (e) {
        const why = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /su, '');
        refuse(`The regular expression “${pattern}” does not compile: ${why}.`);
      }
      try {
        linearRegex(pattern);
      } catch {
        refuse(
          `The regular expression “${pattern}” uses a feature that cannot be run in guaranteed time ` +
            '(back-references or look-aheads); routing runs rules on every ticket, so only patterns that run ' +
            'in time proportional to the text are accepted. Rewrite it without them.',
        );
      }
      if (hasNestedQuantifier(pattern))
        refuse(
          `The regular expression “${pattern}” repeats a group that itself repeats (like (a+)+); it is refused ` +
            'because such a pattern can take minutes on some texts and freeze routing. Remove the inner or outer repeat.',
        );
      return;
    }
    case 'sender':
      if (!EMAIL.test(pattern.trim()))
        refuse(`“${pattern}” is not an email address; a sender rule needs one, like help@acme.com.`);
      return;
    case 'domain':
      if (!DOMAIN.test(domainOf(pattern)))
        refuse(`“${pattern}” is not a domain; a domain rule needs one, like acme.com or @acme.com.`);
      return;
    default:
      refuse(`Unknown kind of rule “${String(rule.match)}”; use one of ${RULE_MATCHES.join(', ')}.`);
  }
}

/** The requester's email address, lower-cased: "Ann <Ann@Acme.com>" → "ann@acme.com". */
export function requesterEmail(requester: string | null): string | null {
  if (!requester) return null;
  const bracketed = /<([^<>]+)>/.exec(requester)?.[1]?.trim();
  const candidates = bracketed ? [bracketed] : requester.split(/[\s,;()<>"]+/);
  const email = candidates.find((c) => EMAIL.test(c));
  return email ? email.toLowerCase() : null;
}

// V8's linear-time engine (the 'l' flag): no catastrophic backtracking whatever the pattern or the text.
// It has no 'i' or 'u' flag, so patterns are lower-cased (escapes such as \D or \W kept as written) and
// matched against lower-cased text.
setFlagsFromString('--enable-experimental-regexp-engine');

function lowerPattern(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out += c + pattern[++i];
    } else out += c.toLowerCase();
  }
  return out;
}

/** A rule's regex on the linear-time engine; throws when the pattern needs backtracking. */
export function linearRegex(pattern: string): RegExp {
  // eslint-disable-next-line no-invalid-regexp -- 'l' (linear) exists behind the V8 flag set above
  return new RegExp(lowerPattern(pattern), 'l');
}

const regexCache = new Map<string, RegExp | null>();

/** A compiled rule regex, or null when it does not compile or is refused (such a rule never fires). */
function ruleRegex(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re !== undefined) return re;
  try {
    validateRule({ match: 'regex', pattern });
    re = linearRegex(pattern);
  } catch {
    re = null;
  }
  if (regexCache.size >= 1000) regexCache.clear();
  regexCache.set(pattern, re);
  return re;
}

/** The rule that decides this task for this ticket, with its reason; null when none fires. */
export function firstMatchingRule(
  rules: RoutingRule[],
  task: RuleTask,
  subject: RuleSubject,
): { rule: RoutingRule; reason: string } | null {
  const candidates = rules
    .filter((r) => r.enabled && r.task === task)
    .sort((a, b) => a.position - b.position || a.id - b.id);
  // Each view of the ticket is computed once, and only if a rule needs it.
  let folded: [string, string] | null = null;
  let raw: string | null = null;
  let email: string | null | undefined;
  for (const rule of candidates) {
    let fired: string | null = null;
    switch (rule.match) {
      case 'keyword':
        // Subject and body apart, so that a phrase never runs from the one into the other.
        folded ??= [foldText(subject.subject ?? ''), foldText(subject.body ?? '')];
        if (folded.some((text) => containsPhrase(text, rule.pattern)))
          fired = `the subject or body contains “${rule.pattern.trim()}”`;
        break;
      case 'regex': {
        const re = ruleRegex(rule.pattern);
        // Lower-cased text against a lower-cased pattern: the linear engine has no case-insensitive flag.
        raw ??= `${subject.subject ?? ''}\n${subject.body ?? ''}`.slice(0, REGEX_TEXT_LIMIT).toLowerCase();
        if (re?.test(raw)) fired = `the subject or body matches the pattern “${rule.pattern}”`;
        break;
      }
      case 'sender':
        if (email === undefined) email = requesterEmail(subject.requester);
        if (email !== null && email === rule.pattern.trim().toLowerCase()) fired = `sent by ${email}`;
        break;
      case 'domain': {
        if (email === undefined) email = requesterEmail(subject.requester);
        const domain = domainOf(rule.pattern);
        const host = email?.slice(email.lastIndexOf('@') + 1);
        if (domain && host && (host === domain || host.endsWith(`.${domain}`)))
          fired = `sent from @${domain}`;
        break;
      }
    }
    if (fired) return { rule, reason: `Rule ${rule.id}: ${fired} → ${rule.value}` };
  }
  return null;
}
