// A sample contract as a PDF (pdf-lib, standard Times fonts, wrapped and paginated by hand) or as a Word
// document (docx). Both are byte-for-byte the same on every run: the PDF's dates come from the contract and
// pdf-lib does not stamp its own; docx stamps the time into docProps/core.xml and into the zip entries, so
// core.xml is supplied and the zip's timestamps are overwritten.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { wrapWords } from '../../models/recipes/invoices/compose.ts';
import type { Contract, ContractParty } from './contract-model.ts';

const PAPER = { a4: [595.28, 841.89], letter: [612, 792] } as const;
const MARGIN = 72;
const BODY = 10.5;
const LEADING = 14;
const HANG = 30;

function partyLine(party: ContractParty, index: number, last: boolean): string {
  return `(${index + 1}) ${party.name.toUpperCase()}, ${party.description}, with its principal office at ${party.address} (the "${party.short}")${last ? '.' : '; and'}`;
}

function signatureLines(contract: Contract, party: ContractParty): string[] {
  return [
    `Signed for and on behalf of`,
    party.name.toUpperCase(),
    '',
    `By: /s/ ${party.signatory.name}`,
    `Name: ${party.signatory.name}`,
    `Title: ${party.signatory.title}`,
    `Date: ${contract.signedOn}`,
  ];
}

// ---------------------------------------------------------------------------------------------
// PDF

interface Run {
  text: string;
  x: number;
  font: PDFFont;
  size: number;
}

/** A paragraph laid out as rows of runs (a row may hold several runs: a number and its text, two columns). */
interface Block {
  rows: Run[][];
  leading: number;
  spaceBefore: number;
  /** Never split over two pages (signatures). */
  keepTogether?: boolean;
  /** Moved to the next page with the first two rows of the following block (headings). */
  keepWithNext?: boolean;
  pageBreakBefore?: boolean;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  return wrapWords(text, width, (line) => font.widthOfTextAtSize(line, size));
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

function layoutBlocks(contract: Contract, fonts: Fonts, pageWidth: number): Block[] {
  const width = pageWidth - 2 * MARGIN;
  const blocks: Block[] = [];
  const paragraph = (text: string, options: Partial<Block> & { font?: PDFFont; indent?: number } = {}) => {
    const font = options.font ?? fonts.regular;
    const indent = options.indent ?? 0;
    blocks.push({
      rows: wrap(text, font, BODY, width - indent).map((line) => [
        { text: line, x: MARGIN + indent, font, size: BODY },
      ]),
      leading: LEADING,
      spaceBefore: options.spaceBefore ?? 7,
      ...(options.keepWithNext ? { keepWithNext: true } : {}),
    });
  };
  /** "3.2  text…" with the text hanging beside the number. */
  const numbered = (number: string, text: string, font = fonts.regular) => {
    const lines = wrap(text, font, BODY, width - HANG);
    blocks.push({
      rows: lines.map((line, i) => [
        ...(i === 0 ? [{ text: number, x: MARGIN, font, size: BODY }] : []),
        { text: line, x: MARGIN + HANG, font, size: BODY },
      ]),
      leading: LEADING,
      spaceBefore: 7,
    });
  };
  const heading = (text: string, spaceBefore = 14) =>
    paragraph(text, { font: fonts.bold, spaceBefore, keepWithNext: true });

  const titleSize = 15;
  blocks.push({
    rows: [
      [
        {
          text: contract.title,
          x: (pageWidth - fonts.bold.widthOfTextAtSize(contract.title, titleSize)) / 2,
          font: fonts.bold,
          size: titleSize,
        },
      ],
    ],
    leading: 20,
    spaceBefore: 0,
  });
  paragraph(contract.opening, { spaceBefore: 16 });
  contract.parties.forEach((party, i) => {
    const [number, ...rest] = partyLine(party, i, i === contract.parties.length - 1).split(' ');
    numbered(number!, rest.join(' '));
  });
  heading(contract.recitalsHeading);
  for (const recital of contract.recitals) {
    const match = /^(\([A-Z]\)) (.*)$/.exec(recital);
    if (match) numbered(match[1]!, match[2]!);
    else paragraph(recital);
  }
  paragraph(contract.agreement, { font: fonts.bold, spaceBefore: 12, keepWithNext: true });
  contract.sections.forEach((section, i) => {
    heading(`${i + 1}. ${section.heading.toUpperCase()}`);
    section.clauses.forEach((clause, j) => numbered(`${i + 1}.${j + 1}`, clause));
  });

  paragraph(contract.execution, { spaceBefore: 18 });
  const columnWidth = width / 2;
  const columns = contract.parties.map((party) => signatureLines(contract, party));
  const rowCount = Math.max(...columns.map((c) => c.length));
  blocks.push({
    rows: Array.from({ length: rowCount }, (_, row) =>
      columns.flatMap((column, c) => {
        const text = column[row] ?? '';
        if (!text) return [];
        const font = row === 1 ? fonts.bold : text.startsWith('By: ') ? fonts.italic : fonts.regular;
        const fitted = wrap(text, font, BODY, columnWidth - 12)[0] ?? '';
        return [{ text: fitted, x: MARGIN + c * columnWidth, font, size: BODY }];
      }),
    ),
    leading: 16,
    spaceBefore: 20,
    keepTogether: true,
  });

  for (const schedule of contract.schedules) {
    blocks.push({
      rows: [[{ text: schedule.heading, x: MARGIN, font: fonts.bold, size: 12 }]],
      leading: 18,
      spaceBefore: 0,
      pageBreakBefore: true,
      keepWithNext: true,
    });
    for (const line of schedule.lines) {
      if (line.startsWith('- ')) {
        const lines = wrap(line.slice(2), fonts.regular, BODY, width - 16);
        blocks.push({
          rows: lines.map((text, i) => [
            ...(i === 0 ? [{ text: '\u2022', x: MARGIN + 4, font: fonts.regular, size: BODY }] : []),
            { text, x: MARGIN + 16, font: fonts.regular, size: BODY },
          ]),
          leading: LEADING,
          spaceBefore: 5,
        });
      } else {
        paragraph(line, { spaceBefore: 9 });
      }
    }
  }
  return blocks;
}

/** Places the blocks on pages: rows of runs with their baseline measured from the top of the page. */
function paginate(blocks: Block[], pageHeight: number): { y: number; row: Run[] }[][] {
  const bottom = pageHeight - MARGIN;
  const pages: { y: number; row: Run[] }[][] = [[]];
  let y = MARGIN;
  const newPage = () => {
    pages.push([]);
    y = MARGIN;
  };
  blocks.forEach((block, index) => {
    if (block.pageBreakBefore && pages.at(-1)!.length > 0) newPage();
    const top = () => (pages.at(-1)!.length === 0 ? 0 : block.spaceBefore);
    const next = blocks[index + 1];
    const needed = block.keepTogether
      ? block.rows.length * block.leading
      : block.keepWithNext && next
        ? block.rows.length * block.leading + next.spaceBefore + Math.min(2, next.rows.length) * next.leading
        : Math.min(2, block.rows.length) * block.leading;
    if (y + top() + needed > bottom) newPage();
    y += top();
    for (const row of block.rows) {
      if (y + block.leading > bottom) newPage();
      y += block.leading;
      pages.at(-1)!.push({ y, row });
    }
  });
  return pages;
}

function drawFooter(page: PDFPage, font: PDFFont, text: string): void {
  const size = 8.5;
  const { width } = page.getSize();
  page.drawLine({
    start: { x: MARGIN, y: MARGIN - 22 },
    end: { x: width - MARGIN, y: MARGIN - 22 },
    thickness: 0.4,
    color: rgb(0.6, 0.6, 0.6),
  });
  page.drawText(text, {
    x: (width - font.widthOfTextAtSize(text, size)) / 2,
    y: MARGIN - 36,
    size,
    font,
    color: rgb(0.35, 0.35, 0.35),
  });
}

export async function renderContractPdf(contract: Contract): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const stamp = new Date(`${contract.date}T09:00:00Z`);
  doc.setTitle(`${contract.title} - ${contract.parties.map((p) => p.name).join(' / ')}`);
  doc.setAuthor(contract.parties[0].name);
  doc.setCreator('Docket sample data');
  doc.setProducer('Docket sample generator');
  doc.setCreationDate(stamp);
  doc.setModificationDate(stamp);
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.TimesRoman),
    bold: await doc.embedFont(StandardFonts.TimesRomanBold),
    italic: await doc.embedFont(StandardFonts.TimesRomanItalic),
  };
  const [width, height] = PAPER[contract.paper];
  const pages = paginate(layoutBlocks(contract, fonts, width), height);
  pages.forEach((rows, i) => {
    const page = doc.addPage([width, height]);
    for (const { y, row } of rows) {
      for (const run of row) {
        page.drawText(run.text, { x: run.x, y: height - y, size: run.size, font: run.font });
      }
    }
    drawFooter(page, fonts.regular, `${contract.title} - Page ${i + 1} of ${pages.length}`);
  });
  return doc.save();
}

// ---------------------------------------------------------------------------------------------
// DOCX

const TWIPS_PER_POINT = 20;

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** docProps/core.xml with the contract's date instead of the time of the run. */
function coreXml(contract: Contract): string {
  const stamp = `${contract.date}T09:00:00Z`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(contract.title)}</dc:title>` +
    `<dc:creator>${xmlEscape(contract.parties[0].name)}</dc:creator>` +
    `<cp:lastModifiedBy>${xmlEscape(contract.parties[0].name)}</cp:lastModifiedBy>` +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * Sets the modification time of every entry of a zip file (local headers and central directory) to
 * `date`, read as local time the way zip tools do; the entries' data and CRCs are unchanged.
 */
export function pinZipTimes(zip: Uint8Array, date: { year: number; month: number; day: number }): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const dosDate = ((date.year - 1980) << 9) | (date.month << 5) | date.day;
  const dosTime = 9 << 11; // 09:00:00
  let end = -1;
  for (let i = out.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < entries; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('zip central directory is corrupt');
    view.setUint16(at + 12, dosTime, true);
    view.setUint16(at + 14, dosDate, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error('zip local header is corrupt');
    view.setUint16(local + 10, dosTime, true);
    view.setUint16(local + 12, dosDate, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

export async function renderContractDocx(contract: Contract): Promise<Uint8Array> {
  const hanging = (number: string, text: string) =>
    new Paragraph({
      children: [new TextRun(`${number}\t${text}`)],
      indent: { left: HANG * TWIPS_PER_POINT, hanging: HANG * TWIPS_PER_POINT },
      tabStops: [{ type: TabStopType.LEFT, position: HANG * TWIPS_PER_POINT }],
      alignment: AlignmentType.JUSTIFIED,
      spacing: { after: 120 },
    });
  const heading = (text: string, pageBreakBefore = false) =>
    new Paragraph({
      children: [new TextRun({ text, bold: true })],
      keepNext: true,
      pageBreakBefore,
      spacing: { before: 240, after: 120 },
    });
  const plain = (text: string, bold = false) =>
    new Paragraph({ children: [new TextRun({ text, bold })], spacing: { after: 120 } });

  const children: (Paragraph | Table)[] = [
    new Paragraph({
      children: [new TextRun({ text: contract.title, bold: true, size: 30 })],
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
    }),
    plain(contract.opening),
    ...contract.parties.map((party, i) => {
      const [number, ...rest] = partyLine(party, i, i === contract.parties.length - 1).split(' ');
      return hanging(number!, rest.join(' '));
    }),
    heading(contract.recitalsHeading),
    ...contract.recitals.map((recital) => {
      const match = /^(\([A-Z]\)) (.*)$/.exec(recital);
      return match ? hanging(match[1]!, match[2]!) : plain(recital);
    }),
    heading(contract.agreement),
  ];
  contract.sections.forEach((section, i) => {
    children.push(heading(`${i + 1}. ${section.heading.toUpperCase()}`));
    section.clauses.forEach((clause, j) => children.push(hanging(`${i + 1}.${j + 1}`, clause)));
  });
  children.push(
    new Paragraph({ children: [new TextRun(contract.execution)], spacing: { before: 360, after: 240 } }),
  );
  const cell = (party: ContractParty) =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
      children: signatureLines(contract, party).map(
        (line, i) =>
          new Paragraph({
            children: [new TextRun({ text: line, bold: i === 1, italics: line.startsWith('By: ') })],
            keepNext: true,
            spacing: { after: 80 },
          }),
      ),
    });
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [new TableRow({ cantSplit: true, children: contract.parties.map(cell) })],
    }),
  );
  for (const schedule of contract.schedules) {
    children.push(heading(schedule.heading, true));
    for (const line of schedule.lines) {
      children.push(line.startsWith('- ') ? hanging('\u2022', line.slice(2)) : plain(line));
    }
  }

  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: 22 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 17,
                    children: [
                      `${contract.title} - Page `,
                      PageNumber.CURRENT,
                      ' of ',
                      PageNumber.TOTAL_PAGES,
                    ],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const zip = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreXml(contract) }]);
  const [year, month, day] = contract.date.split('-').map(Number) as [number, number, number];
  return pinZipTimes(new Uint8Array(zip), { year, month, day });
}

export async function renderContract(contract: Contract): Promise<Uint8Array> {
  return contract.format === 'pdf' ? renderContractPdf(contract) : renderContractDocx(contract);
}
