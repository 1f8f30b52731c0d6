// Clauses most commercial contracts share (confidentiality, liability, termination, force majeure,
// notices, boilerplate, governing law), worded once and filled in with each contract's parties and law.
// "[[Heading]]" in a clause is replaced by that section's number when the contract is assembled.
import type { ContractParty, ContractSection } from './contract-model.ts';

export interface CommonTerms {
  /** The parties as the contract calls them ("Provider", "Customer"). */
  a: ContractParty;
  b: ContractParty;
  /** "England and Wales", "the Federal Republic of Germany". */
  law: string;
  /** Added after the governing law sentence (e.g. excluding the CISG). */
  lawNote?: string;
  courts: string;
  /** "twelve (12) months", the liability cap. */
  liabilityCap: string;
  /** Days a force majeure event may last before the other party may terminate. */
  forceMajeureDays: string;
  /** Whether the law has the UK third-party rights act. */
  english: boolean;
}

export function confidentiality(): ContractSection {
  return {
    heading: 'Confidentiality',
    clauses: [
      'Each party (the "Receiving Party") shall keep confidential all Confidential Information disclosed to it by or on behalf of the other party (the "Disclosing Party") and shall not use that Confidential Information for any purpose other than performing its obligations and exercising its rights under this Agreement.',
      'The Receiving Party may disclose Confidential Information to its employees, officers, professional advisers, insurers and subcontractors who need to know it for the purposes of this Agreement, provided that it informs each of them of the confidential nature of the information and ensures that each of them is bound by obligations of confidentiality no less protective than those in this clause. The Receiving Party is responsible for any breach of this clause by any person to whom it discloses Confidential Information.',
      'The obligations in this clause do not apply to information that: (a) is or becomes generally available to the public other than as a result of a breach of this Agreement; (b) was lawfully in the possession of the Receiving Party before it was disclosed by the Disclosing Party; (c) is lawfully received by the Receiving Party from a third party who is free to disclose it; or (d) is independently developed by the Receiving Party without use of or reference to the Confidential Information of the Disclosing Party.',
      'The Receiving Party may disclose Confidential Information to the extent required by law, by any governmental or regulatory authority or by a court of competent jurisdiction, provided that, to the extent it is legally permitted to do so, it gives the Disclosing Party as much notice of the disclosure as possible and takes into account its reasonable requests about the content of the disclosure.',
      "On termination or expiry of this Agreement, or earlier at the Disclosing Party's written request, the Receiving Party shall promptly return or destroy all documents and materials containing Confidential Information of the Disclosing Party, except for copies it is required by law to keep and copies held in routine electronic back-up systems, which shall remain subject to this clause for as long as they are held.",
      'The obligations in this clause shall survive termination or expiry of this Agreement for a period of five (5) years.',
    ],
  };
}

export function limitationOfLiability(t: CommonTerms): ContractSection {
  return {
    heading: 'Limitation of Liability',
    clauses: [
      'Nothing in this Agreement limits or excludes the liability of either party for death or personal injury caused by its negligence, for fraud or fraudulent misrepresentation, for wilful misconduct, or for any other liability that cannot be limited or excluded by applicable law.',
      `Subject to clause [[Limitation of Liability]].1, neither party shall be liable to the other, whether in contract, tort (including negligence), breach of statutory duty or otherwise, for any loss of profit, loss of revenue, loss of business, loss of anticipated savings, loss of goodwill or reputation, or for any indirect, special or consequential loss, arising under or in connection with this Agreement.`,
      `Subject to clause [[Limitation of Liability]].1, the total aggregate liability of each party to the other, whether in contract, tort (including negligence), breach of statutory duty or otherwise, arising under or in connection with this Agreement shall not exceed an amount equal to the fees paid and payable under this Agreement in the ${t.liabilityCap} preceding the event giving rise to the claim.`,
      "Each party shall take reasonable steps to mitigate any loss or damage it suffers as a result of the other party's breach of this Agreement.",
    ],
  };
}

export function insolvencyTermination(): string {
  return 'Either party may terminate this Agreement with immediate effect by giving written notice to the other party if: (a) the other party commits a material breach of any term of this Agreement which is irremediable or, if remediable, fails to remedy that breach within thirty (30) days after being notified in writing to do so; (b) the other party suspends, or threatens to suspend, payment of its debts, is unable to pay its debts as they fall due or admits inability to pay its debts; (c) the other party enters into any composition or arrangement with its creditors, other than for the sole purpose of a solvent restructuring; (d) a petition is filed, a notice is given, a resolution is passed or an order is made for or in connection with the winding up, administration or insolvency of the other party; or (e) the other party ceases, or threatens to cease, to carry on all or substantially all of its business.';
}

export function survival(extra: string[] = []): string {
  const kept = [
    '[[Confidentiality]]',
    '[[Limitation of Liability]]',
    ...extra,
    '[[Governing Law and Jurisdiction]]',
  ];
  return `Termination or expiry of this Agreement shall not affect any rights, remedies, obligations or liabilities of the parties that have accrued up to the date of termination or expiry, including the right to claim damages for any breach that existed at or before that date. Clauses ${kept.slice(0, -1).join(', ')} and ${kept.at(-1)} shall continue in force after termination or expiry.`;
}

export function forceMajeure(t: CommonTerms): ContractSection {
  return {
    heading: 'Force Majeure',
    clauses: [
      'Neither party shall be in breach of this Agreement, nor liable for any delay in performing or failure to perform any of its obligations under it, if the delay or failure results from events, circumstances or causes beyond its reasonable control, including acts of God, flood, storm, fire, earthquake, epidemic or pandemic, war, armed conflict, terrorist attack, civil commotion, imposition of sanctions or embargoes, collapse of buildings, failure of a utility service or transport network, or industrial action that does not involve the affected party\'s own workforce (a "Force Majeure Event"). A lack of funds is not a Force Majeure Event.',
      'The party affected by a Force Majeure Event shall promptly notify the other party in writing of the nature and likely duration of the Force Majeure Event, shall use all reasonable endeavours to mitigate its effect on the performance of its obligations, and shall resume performance as soon as reasonably possible.',
      `If a Force Majeure Event prevents, hinders or delays the affected party's performance of its obligations for a continuous period of more than ${t.forceMajeureDays} days, the party not affected may terminate this Agreement by giving fourteen (14) days' written notice to the affected party.`,
    ],
  };
}

export function notices(t: CommonTerms): ContractSection {
  return {
    heading: 'Notices',
    clauses: [
      "Any notice given to a party under or in connection with this Agreement shall be in writing and shall be delivered by hand or sent by pre-paid recorded delivery or international courier to that party's address set out at the beginning of this Agreement, or sent by email to the address set out below, or to such other address as that party may have specified to the other party in writing.",
      `Notices to ${t.a.name} shall be marked for the attention of ${t.a.signatory.name}, ${t.a.signatory.title} (email: ${t.a.noticeEmail}). Notices to ${t.b.name} shall be marked for the attention of ${t.b.signatory.name}, ${t.b.signatory.title} (email: ${t.b.noticeEmail}).`,
      'A notice shall be deemed to have been received: if delivered by hand, at the time the notice is left at the proper address; if sent by recorded delivery or courier, at 9.00 am on the second Business Day after posting or dispatch; and if sent by email, at the time of transmission or, if this time falls outside business hours in the place of receipt, when business hours resume.',
      'This clause does not apply to the service of any proceedings or other documents in any legal action or, where applicable, any arbitration or other method of dispute resolution.',
    ],
  };
}

export function general(t: CommonTerms, assignment?: string): ContractSection {
  return {
    heading: 'General',
    clauses: [
      assignment ??
        'Neither party shall assign, transfer, mortgage, charge, subcontract, declare a trust over or deal in any other manner with any of its rights and obligations under this Agreement without the prior written consent of the other party, such consent not to be unreasonably withheld or delayed.',
      'This Agreement, together with its Schedules, constitutes the entire agreement between the parties and supersedes and extinguishes all previous agreements, promises, assurances, warranties, representations and understandings between them, whether written or oral, relating to its subject matter. Each party acknowledges that in entering into this Agreement it does not rely on any statement, representation or warranty that is not set out in this Agreement.',
      'No variation of this Agreement shall be effective unless it is in writing and signed by the parties or their authorised representatives.',
      'A failure or delay by a party to exercise any right or remedy provided under this Agreement or by law shall not constitute a waiver of that or any other right or remedy, nor shall it prevent or restrict the further exercise of that or any other right or remedy.',
      'If any provision or part-provision of this Agreement is or becomes invalid, illegal or unenforceable, it shall be deemed modified to the minimum extent necessary to make it valid, legal and enforceable. If such modification is not possible, the relevant provision or part-provision shall be deemed deleted, and this shall not affect the validity and enforceability of the rest of this Agreement.',
      'Nothing in this Agreement is intended to, or shall be deemed to, establish any partnership or joint venture between the parties, constitute either party the agent of the other, or authorise either party to make or enter into any commitments for or on behalf of the other.',
      t.english
        ? 'Unless it expressly states otherwise, this Agreement does not give rise to any rights under the Contracts (Rights of Third Parties) Act 1999 to enforce any term of this Agreement.'
        : 'This Agreement is made for the benefit of the parties and their permitted successors and assigns, and nothing in it confers any right or remedy on any other person.',
      'This Agreement may be executed in any number of counterparts, including by electronic signature, each of which when executed shall constitute a duplicate original, but all the counterparts shall together constitute one agreement.',
    ],
  };
}

export function governingLaw(t: CommonTerms): ContractSection {
  return {
    heading: 'Governing Law and Jurisdiction',
    clauses: [
      `If a dispute arises out of or in connection with this Agreement, either party may give the other written notice of it, and ${t.a.signatory.title} of ${t.a.name} and ${t.b.signatory.title} of ${t.b.name} shall meet within fourteen (14) days of that notice and attempt in good faith to resolve it before either party starts court proceedings, save where a party seeks urgent injunctive relief.`,
      `This Agreement and any dispute or claim (including non-contractual disputes or claims) arising out of or in connection with it or its subject matter or formation shall be governed by and construed in accordance with the law of ${t.law}.${t.lawNote ? ` ${t.lawNote}` : ''}`,
      `Each party irrevocably agrees that ${t.courts} shall have exclusive jurisdiction to settle any dispute or claim (including non-contractual disputes or claims) arising out of or in connection with this Agreement or its subject matter or formation.`,
    ],
  };
}
