// A document's pages as the original shows them (pdf.js for PDFs, the image itself for scans), with the
// words Docket read laid over them: selectable, and outlined on hover.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Group, Loader, Modal, Stack, Table, Tabs, Text } from '@mantine/core';
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { Output } from '../../../main/api/contract.ts';
import { api } from '../api/client.ts';
import { loadOriginal } from '../api/original.ts';

GlobalWorkerOptions.workerSrc = workerUrl;

type PageLayout = Output<'documents.page'>;
const PAGE_WIDTH = 760;

function WordBoxes({ layout, width, height }: { layout: PageLayout; width: number; height: number }) {
  return (
    <div aria-hidden="false" style={{ position: 'absolute', inset: 0 }}>
      {layout.lines.flatMap((line, li) =>
        line.words.map((w, wi) => {
          const [x0, y0, x1, y1] = w.box;
          const h = Math.max(1, (y1 - y0) * height);
          return (
            <span
              key={`${li}-${wi}`}
              className="word-box"
              title={w.confidence !== undefined ? `${w.text} (${Math.round(w.confidence * 100)}%)` : w.text}
              style={{
                left: x0 * width,
                top: y0 * height,
                width: Math.max(1, (x1 - x0) * width),
                height: h,
                fontSize: h * 0.85,
              }}
            >
              {w.text}{' '}
            </span>
          );
        }),
      )}
    </div>
  );
}

function PdfPage({ pdf, layout }: { pdf: PDFDocumentProxy; layout: PageLayout }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void } | null = null;
    void pdf.getPage(layout.pageNumber).then((page) => {
      if (cancelled || !canvasRef.current) return;
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: PAGE_WIDTH / base.width });
      const canvas = canvasRef.current;
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      setSize({ width: canvas.width, height: canvas.height });
      const render = page.render({ canvas, viewport });
      task = render;
      render.promise.catch(() => {});
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, layout.pageNumber]);
  return (
    <div className="page-view" data-testid="page-view">
      <canvas ref={canvasRef} aria-label={`Page ${layout.pageNumber}`} />
      {size ? <WordBoxes layout={layout} width={size.width} height={size.height} /> : null}
    </div>
  );
}

function ImagePage({ src, layout }: { src: string; layout: PageLayout }) {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  return (
    <div className="page-view" data-testid="page-view">
      <img
        src={src}
        alt={`Page ${layout.pageNumber}`}
        width={PAGE_WIDTH}
        onLoad={(e) => setSize({ width: e.currentTarget.width, height: e.currentTarget.height })}
        style={{ transform: layout.rotation ? `rotate(${layout.rotation}deg)` : undefined }}
      />
      {size ? <WordBoxes layout={layout} width={size.width} height={size.height} /> : null}
    </div>
  );
}

/** Pages with no picture to show (text files, emails, TIFF): the words on a blank page of the right shape. */
function BlankPage({ layout }: { layout: PageLayout }) {
  const height = Math.min(2000, (PAGE_WIDTH * layout.height) / Math.max(1, layout.width));
  return (
    <div className="page-view" data-testid="page-view" style={{ width: PAGE_WIDTH, height }}>
      <WordBoxes layout={{ ...layout }} width={PAGE_WIDTH} height={height} />
    </div>
  );
}

function Pages({ id, pageCount, mediaType }: { id: number; pageCount: number; mediaType: string | null }) {
  const [pageNumber, setPageNumber] = useState(1);
  const isPdf = mediaType === 'application/pdf';
  const isPicture = mediaType === 'image/png' || mediaType === 'image/jpeg';
  const layout = useQuery({
    queryKey: ['documents.page', id, pageNumber],
    queryFn: () => api.call('documents.page', { id, pageNumber }),
  });
  const original = useQuery({
    queryKey: ['documents.original', id],
    queryFn: () => loadOriginal(id),
    enabled: isPdf || isPicture,
    staleTime: Infinity,
  });
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [pdfError, setPdfError] = useState<string | null>(null);
  useEffect(() => {
    if (!isPdf || !original.data) return;
    // pdf.js takes over the buffer it is given: hand it a copy, the cache keeps the original.
    const task = getDocument({ data: original.data.slice() });
    task.promise.then(setPdf, (e: Error) => setPdfError(e.message));
    return () => void task.destroy();
  }, [isPdf, original.data]);
  const imageUrl = useMemo(() => {
    if (!isPicture || !original.data) return null;
    return URL.createObjectURL(new Blob([original.data as BlobPart], { type: mediaType ?? 'image/png' }));
  }, [isPicture, original.data, mediaType]);
  useEffect(() => () => void (imageUrl && URL.revokeObjectURL(imageUrl)), [imageUrl]);

  if (pageCount === 0) return <Text size="sm">This document has no pages.</Text>;
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          disabled={pageNumber <= 1}
          onClick={() => setPageNumber((n) => n - 1)}
        >
          Previous page
        </Button>
        <Text size="sm" role="status">
          Page {pageNumber} of {pageCount}
        </Text>
        <Button
          size="xs"
          variant="default"
          disabled={pageNumber >= pageCount}
          onClick={() => setPageNumber((n) => n + 1)}
        >
          Next page
        </Button>
        {layout.data ? (
          <Badge variant="light">
            {layout.data.textSource === 'ocr'
              ? 'Text from OCR'
              : layout.data.textSource === 'none'
                ? 'No text'
                : 'Text layer'}
          </Badge>
        ) : null}
      </Group>
      {pdfError ? <Alert color="red">The page cannot be shown: {pdfError}</Alert> : null}
      {original.error ? <Alert color="orange">{original.error.message}</Alert> : null}
      {layout.error ? <Alert color="red">{layout.error.message}</Alert> : null}
      {!layout.data ? <Loader size="sm" /> : null}
      {layout.data && isPdf && pdf ? <PdfPage pdf={pdf} layout={layout.data} /> : null}
      {layout.data && isPdf && !pdf && !pdfError && !original.error ? <Loader size="sm" /> : null}
      {layout.data && isPicture && imageUrl ? <ImagePage src={imageUrl} layout={layout.data} /> : null}
      {layout.data && !isPdf && !isPicture ? <BlankPage layout={layout.data} /> : null}
    </Stack>
  );
}

export function DocumentViewer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const doc = useQuery({
    queryKey: ['documents.get', id],
    queryFn: () => api.call('documents.get', { id: id! }),
    enabled: id !== null,
  });
  const text = useQuery({
    queryKey: ['documents.text', id],
    queryFn: () => api.call('documents.text', { id: id! }),
    enabled: id !== null,
  });
  const d = doc.data;
  return (
    <Modal
      opened={id !== null}
      onClose={onClose}
      size="auto"
      title={d?.title ?? 'Document'}
      keepMounted={false}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {doc.error ? <Alert color="red">{doc.error.message}</Alert> : null}
      {d ? (
        <Stack gap="sm" miw={PAGE_WIDTH + 40}>
          <Group gap="xs">
            <Badge>{d.status}</Badge>
            {d.mediaType ? <Badge variant="light">{d.mediaType}</Badge> : null}
            {d.nearDuplicateOf ? (
              <Badge color="yellow" variant="light">
                Similar text to “{d.nearDuplicateOf.title}”
              </Badge>
            ) : null}
          </Group>
          {d.statusReason ? <Alert color="orange">{d.statusReason}</Alert> : null}
          <Tabs defaultValue="pages" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="pages">Pages</Tabs.Tab>
              <Tabs.Tab value="text">Text</Tabs.Tab>
              <Tabs.Tab value="details">Details</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="pages" pt="sm">
              <Pages id={d.id} pageCount={d.pageCount ?? 0} mediaType={d.mediaType} />
            </Tabs.Panel>
            <Tabs.Panel value="text" pt="sm">
              <pre className="document-text" style={{ whiteSpace: 'pre-wrap', maxWidth: PAGE_WIDTH }}>
                {text.data?.text}
              </pre>
            </Tabs.Panel>
            <Tabs.Panel value="details" pt="sm">
              <Table fz="sm">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th>Found at</Table.Th>
                    <Table.Td style={{ wordBreak: 'break-all' }}>{d.sourcePaths.join('\n')}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>SHA-256</Table.Th>
                    <Table.Td style={{ wordBreak: 'break-all' }}>{d.sha256}</Table.Td>
                  </Table.Tr>
                  {d.parent ? (
                    <Table.Tr>
                      <Table.Th>Part of</Table.Th>
                      <Table.Td>{d.parent.title}</Table.Td>
                    </Table.Tr>
                  ) : null}
                  {d.children.length ? (
                    <Table.Tr>
                      <Table.Th>Attachments</Table.Th>
                      <Table.Td>{d.children.map((c) => c.title).join(', ')}</Table.Td>
                    </Table.Tr>
                  ) : null}
                  {Object.entries((d.metadata ?? {}) as Record<string, unknown>).map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Th>{k}</Table.Th>
                      <Table.Td style={{ wordBreak: 'break-all' }}>
                        {typeof v === 'string' ? v : JSON.stringify(v)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Tabs.Panel>
          </Tabs>
        </Stack>
      ) : (
        <Loader size="sm" />
      )}
    </Modal>
  );
}
