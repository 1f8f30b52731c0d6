// The shape of a sample contract, shared by its text and by the PDF and DOCX renderers.

export interface ContractParty {
  /** "Corvantis Managed Services Ltd". */
  name: string;
  /** What the contract calls the party: "Provider". */
  short: string;
  /** "a company incorporated and registered in England and Wales". */
  description: string;
  /** One line: street, town, country. */
  address: string;
  signatory: { name: string; title: string };
  noticeEmail: string;
}

export interface ContractSection {
  heading: string;
  /** Numbered 1, 2, 3… under the section's number (3.1, 3.2, …). */
  clauses: string[];
}

export interface ContractSchedule {
  heading: string;
  /** Paragraphs; a line starting with "- " is a list item. */
  lines: string[];
}

export interface Contract {
  /** File name under documents/contracts/. */
  file: string;
  format: 'pdf' | 'docx';
  /** "SERVICES AGREEMENT". */
  title: string;
  /** ISO date, also the file's creation date. */
  date: string;
  /** The date as the signature blocks print it. */
  signedOn: string;
  /** The sentence before the parties: "This Services Agreement is dated 1 March 2024 and made between:". */
  opening: string;
  parties: [ContractParty, ContractParty];
  recitalsHeading: string;
  recitals: string[];
  /** The sentence after the recitals: "The parties agree as follows:". */
  agreement: string;
  /** With "[[Heading]]" references already replaced by section numbers. */
  sections: ContractSection[];
  schedules: ContractSchedule[];
  /** The sentence above the signatures. */
  execution: string;
  /** Letter (US) or A4 (elsewhere). */
  paper: 'letter' | 'a4';
}

/** Replaces "[[Heading]]" in clauses and schedules by the number of the section with that heading. */
export function resolveReferences(contract: Contract): Contract {
  const numbers = new Map(contract.sections.map((s, i) => [s.heading, String(i + 1)]));
  const resolve = (text: string) =>
    text.replace(/\[\[([^\]]+)\]\]/g, (_, heading: string) => {
      const n = numbers.get(heading);
      if (!n) throw new Error(`${contract.file}: no section "${heading}" to refer to`);
      return n;
    });
  return {
    ...contract,
    sections: contract.sections.map((s) => ({ ...s, clauses: s.clauses.map(resolve) })),
    schedules: contract.schedules.map((s) => ({ ...s, lines: s.lines.map(resolve) })),
  };
}
