// The invoice's pages as the original shows them (pdf.js for PDFs, the picture for scans, the words on a
// blank sheet otherwise), with the boxes of the fields Docket found drawn over them. The chosen field's
// box is highlighted and scrolled into view; clicking a box chooses its field.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Loader, Text } from '@mantine/core';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { api } from '../../api/client.ts';
import { useOriginal, type Original } from './original.ts';
import type { ExtractedField, InvoiceFieldName } from './fields.ts';

type Box = ExtractedField['bbox'];

/** Pixels drawn across a page: sharp at the widths the column takes, on high-density screens too. */
const RENDER_WIDTH = Math.min(2400, Math.round(1100 * Math.min(2, globalThis.devicePixelRatio || 1)));

export interface PageBox {
  field: InvoiceFieldName;
  label: string;
  page: number;
  bbox: Box;
  /** Asks to be checked: low confidence or a failed validation rule. */
  attention: boolean;
}

const pct = (v: number) => `${(v * 100).toFixed(3)}%`;
const boxStyle = ([x0, y0, x1, y1]: Box) => ({
  left: pct(x0),
  top: pct(y0),
  width: pct(x1 - x0),
  height: pct(y1 - y0),
});

function PdfCanvas({ pdf, pageNumber }: { pdf: PDFDocumentProxy; pageNumber: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void } | null = null;
    void pdf.getPage(pageNumber).then((page) => {
      const canvas = canvasRef.current;
      if (cancelled || !canvas) return;
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: RENDER_WIDTH / base.width });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      const render = page.render({ canvas, viewport });
      task = render;
      render.promise.catch(() => {});
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, pageNumber]);
  return <canvas ref={canvasRef} className="page-picture" aria-label={`Page ${pageNumber}`} />;
}

function Page({
  documentId,
  pageNumber,
  original,
  boxes,
  highlighted,
  onChoose,
}: {
  documentId: number;
  pageNumber: number;
  original: Original;
  boxes: PageBox[];
  highlighted: PageBox | null;
  onChoose: (field: InvoiceFieldName) => void;
}) {
  const layout = useQuery({
    queryKey: ['documents.page', documentId, pageNumber],
    queryFn: () => api.call('documents.page', { id: documentId, pageNumber }),
    staleTime: 60_000,
  });
  const l = layout.data;
  // The sheet has the page's shape before anything is drawn, so boxes sit right from the start.
  const aspectRatio = l && l.width > 0 && l.height > 0 ? `${l.width} / ${l.height}` : '1 / 1.414';
  return (
    <figure className="invoice-page" data-page={pageNumber} aria-label={`Page ${pageNumber}`}>
      <div className="page-sheet" data-testid="invoice-page" style={{ aspectRatio }}>
        {original.kind === 'pdf' && original.pdf ? (
          <PdfCanvas pdf={original.pdf} pageNumber={pageNumber} />
        ) : null}
        {original.kind === 'image' && original.imageUrl ? (
          <img className="page-picture" src={original.imageUrl} alt={`Page ${pageNumber}`} />
        ) : null}
        {original.kind === 'none' && l ? (
          <div className="page-words" aria-label={`The words read on page ${pageNumber}`}>
            {l.lines.flatMap((line, li) =>
              line.words.map((w, wi) => (
                <span
                  key={`${li}-${wi}`}
                  style={{
                    ...boxStyle(w.box),
                    // Container units: the words scale with the sheet.
                    fontSize: `${(w.box[3] - w.box[1]) * (l.height / Math.max(1, l.width)) * 85}cqw`,
                  }}
                >
                  {w.text}{' '}
                </span>
              )),
            )}
          </div>
        ) : null}
        {boxes.map((b) => (
          <div
            key={b.field}
            className={`field-box${b.attention ? ' field-box-attention' : ''}`}
            style={boxStyle(b.bbox)}
            title={b.label}
            aria-hidden="true"
            onClick={() => onChoose(b.field)}
          />
        ))}
        {highlighted ? (
          <div
            className="field-highlight"
            data-testid="field-highlight"
            data-field={highlighted.field}
            style={boxStyle(highlighted.bbox)}
            aria-hidden="true"
          />
        ) : null}
      </div>
      {layout.error ? <Alert color="red">{layout.error.message}</Alert> : null}
    </figure>
  );
}

export function InvoicePages({
  documentId,
  mediaType,
  firstPage,
  lastPage,
  boxes,
  highlighted,
  onChoose,
}: {
  documentId: number;
  mediaType: string | null | undefined;
  firstPage: number;
  lastPage: number;
  boxes: PageBox[];
  highlighted: PageBox | null;
  onChoose: (field: InvoiceFieldName) => void;
}) {
  const original = useOriginal(documentId, mediaType);
  const scrollRef = useRef<HTMLDivElement>(null);
  const pages: number[] = [];
  for (let n = Math.max(1, firstPage); n <= Math.max(firstPage, lastPage); n++) pages.push(n);

  // Bring the highlighted box into view inside the pages column (not the whole window).
  const key = highlighted ? `${highlighted.field}@${highlighted.page}:${highlighted.bbox.join(',')}` : null;
  useLayoutEffect(() => {
    const area = scrollRef.current;
    const box = area?.querySelector<HTMLElement>('[data-testid="field-highlight"]');
    if (!area || !box || key === null) return;
    const a = area.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (b.top >= a.top + 8 && b.bottom <= a.bottom - 8 && b.left >= a.left && b.right <= a.right) return;
    area.scrollTo({
      top: area.scrollTop + (b.top - a.top) - a.height / 3,
      left: area.scrollLeft + (b.left - a.left) - a.width / 3,
      behavior: 'smooth',
    });
  }, [key]);

  return (
    <div ref={scrollRef} className="invoice-pages" role="region" aria-label="Pages" tabIndex={0}>
      {original.error ? (
        <Alert color="orange" title="The page cannot be shown">
          {original.error}
        </Alert>
      ) : null}
      {original.loading ? <Loader size="sm" aria-label="Loading the page" /> : null}
      {original.kind === 'none' ? (
        <Text size="xs" c="dimmed">
          No picture of this document: the words Docket read are shown where they were found.
        </Text>
      ) : null}
      {pages.map((n) => (
        <Page
          key={n}
          documentId={documentId}
          pageNumber={n}
          original={original}
          boxes={boxes.filter((b) => b.page === n)}
          highlighted={highlighted?.page === n ? highlighted : null}
          onChoose={onChoose}
        />
      ))}
    </div>
  );
}
