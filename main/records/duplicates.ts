// Likely duplicate contacts: a contact is flagged as a likely duplicate of the earliest contact (lowest
// id) it shares an email, a phone number, or a name within the same company with, or whose name it
// nearly matches within the same company. Everything is a hash lookup except the near-name check, which
// only compares names within one company and at most MAX_FUZZY_BLOCK distinct names per company, so a
// whole CRM (100,000 contacts) is checked in well under a second.
import { nameKey } from './normalise.ts';

export interface DuplicateCandidate {
  id: number;
  name: string | null;
  /** Normalised (normaliseEmail). */
  email: string | null;
  /** E.164 (normalisePhone). */
  phone: string | null;
  /** companyKey() of the contact's company. */
  companyKey: string | null;
}

export interface LikelyDuplicate {
  originalId: number;
  /** A short sentence for the window: "same email as #12 (ana.lopez@acme.com)". */
  reason: string;
}

/** Jaro-Winkler similarity at or above which two names in the same company are "nearly the same". */
export const SIMILAR_NAME_THRESHOLD = 0.92;
/**
 * Distinct names per company kept for the near-name check. A block this large is a generic company
 * ("Self-employed") where spelling neighbours are more likely different people; exact matches still count.
 */
export const MAX_FUZZY_BLOCK = 100;

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** Jaro-Winkler similarity of two strings, 0..1 (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (flagsA.length < la) flagsA = new Uint8Array(la * 2);
  if (flagsB.length < lb) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const code = a.charCodeAt(i);
    const end = Math.min(lb - 1, i + window);
    for (let j = Math.max(0, i - window); j <= end; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === code) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  for (let i = 0, k = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - halfTranspositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** The best Jaro-Winkler two strings of these lengths could reach (all of the shorter one matching). */
function similarityBound(la: number, lb: number): number {
  const jaro = (2 + Math.min(la, lb) / Math.max(la, lb)) / 3;
  return jaro + 0.4 * (1 - jaro);
}

interface Named {
  id: number;
  name: string;
}

/** A company's contacts by name key, and the first distinct names kept for the near-name check. */
interface CompanyBlock {
  byName: Map<string, Named>;
  names: Array<Named & { key: string }>;
}

type Criterion = 'email' | 'phone' | 'name' | 'similar';

/**
 * Likely duplicates among contacts: duplicate id → its original (the earliest contact of the chain)
 * and why. Criteria, in order of preference when several point to the same original: email, phone,
 * name within the company, nearly the same name within the company. A contact that matches a
 * duplicate is sent on to that duplicate's original ("..., itself a likely duplicate of #3").
 */
export function findLikelyDuplicates(contacts: readonly DuplicateCandidate[]): Map<number, LikelyDuplicate> {
  const sorted = [...contacts].sort((x, y) => x.id - y.id);
  const firstByEmail = new Map<string, number>();
  const firstByPhone = new Map<string, number>();
  const blocks = new Map<string, CompanyBlock>();
  const result = new Map<number, LikelyDuplicate>();
  const originalOf = (id: number) => result.get(id)?.originalId ?? id;

  for (const contact of sorted) {
    const { email, phone } = contact;
    const key = contact.name ? nameKey(contact.name) : null;
    const block = contact.companyKey && key ? blocks.get(contact.companyKey) : undefined;
    // The best match so far: lowest original, then the criterion checked first.
    let original = Number.POSITIVE_INFINITY;
    let via: Named | undefined;
    let criterion: Criterion = 'email';
    const consider = (candidate: Named | undefined, by: Criterion) => {
      if (candidate === undefined || candidate.id === contact.id) return;
      const candidateOriginal = originalOf(candidate.id);
      if (candidateOriginal < original) [original, via, criterion] = [candidateOriginal, candidate, by];
    };
    const byEmail = email ? firstByEmail.get(email) : undefined;
    if (byEmail !== undefined) consider({ id: byEmail, name: '' }, 'email');
    const byPhone = phone ? firstByPhone.get(phone) : undefined;
    if (byPhone !== undefined) consider({ id: byPhone, name: '' }, 'phone');
    if (block && key) {
      consider(block.byName.get(key), 'name');
      for (const other of block.names) {
        if (other.key === key || originalOf(other.id) >= original) continue; // no better than what we have
        if (similarityBound(other.key.length, key.length) < SIMILAR_NAME_THRESHOLD) continue;
        if (jaroWinkler(other.key, key) >= SIMILAR_NAME_THRESHOLD) consider(other, 'similar');
      }
    }

    if (via) {
      const reasons: Record<Criterion, string> = {
        email: `same email as #${via.id} (${email})`,
        phone: `same phone as #${via.id} (${phone})`,
        name: `same name at the same company as #${via.id} (${via.name})`,
        similar: `nearly the same name at the same company as #${via.id} (${via.name} / ${contact.name})`,
      };
      const chained = original !== via.id ? `, itself a likely duplicate of #${original}` : '';
      result.set(contact.id, { originalId: original, reason: reasons[criterion] + chained });
    }

    // The earliest holder of each key stays: later contacts are compared with it.
    if (email && !firstByEmail.has(email)) firstByEmail.set(email, contact.id);
    if (phone && !firstByPhone.has(phone)) firstByPhone.set(phone, contact.id);
    if (contact.companyKey && key && contact.name) {
      let companyBlock = block;
      if (!companyBlock) {
        companyBlock = { byName: new Map(), names: [] };
        blocks.set(contact.companyKey, companyBlock);
      }
      if (!companyBlock.byName.has(key)) {
        const named = { id: contact.id, name: contact.name };
        companyBlock.byName.set(key, named);
        if (companyBlock.names.length < MAX_FUZZY_BLOCK) companyBlock.names.push({ ...named, key });
      }
    }
  }
  return result;
}
