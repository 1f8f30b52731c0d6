// A document's original file for showing its pages: the bytes, and for PDFs the pdf.js document.
// (The bytes as DocumentViewer loads them; the drawing here lets the invoice view show pages at any size.)
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { loadOriginal } from '../../api/original.ts';

GlobalWorkerOptions.workerSrc = workerUrl;

export type OriginalKind = 'pdf' | 'image' | 'none';

export function originalKind(mediaType: string | null | undefined): OriginalKind {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'image/png' || mediaType === 'image/jpeg') return 'image';
  return 'none';
}

export interface Original {
  kind: OriginalKind;
  pdf: PDFDocumentProxy | null;
  imageUrl: string | null;
  error: string | null;
  loading: boolean;
}

/** The original, ready to draw: a pdf.js document for PDFs, an object URL for PNG and JPEG scans. */
export function useOriginal(documentId: number, mediaType: string | null | undefined): Original {
  const kind = originalKind(mediaType);
  const bytes = useQuery({
    queryKey: ['documents.original', documentId],
    queryFn: () => loadOriginal(documentId),
    enabled: kind !== 'none',
    staleTime: Infinity,
  });
  const [pdf, setPdf] = useState<{ bytes: Uint8Array; doc: PDFDocumentProxy } | null>(null);
  const [pdfError, setPdfError] = useState<string | null>(null);
  useEffect(() => {
    const data = bytes.data;
    if (kind !== 'pdf' || !data) return;
    // pdf.js takes over the buffer it is given: hand it a copy, the cache keeps the original.
    const task = getDocument({ data: data.slice() });
    task.promise.then(
      (doc) => setPdf({ bytes: data, doc }),
      (e: Error) => setPdfError(e.message),
    );
    return () => void task.destroy();
  }, [kind, bytes.data]);
  const imageUrl = useMemo(() => {
    if (kind !== 'image' || !bytes.data) return null;
    return URL.createObjectURL(new Blob([bytes.data as BlobPart], { type: mediaType ?? 'image/png' }));
  }, [kind, bytes.data, mediaType]);
  useEffect(() => () => void (imageUrl && URL.revokeObjectURL(imageUrl)), [imageUrl]);

  // Only the PDF opened from the bytes now loaded (not a previous document's).
  const doc = pdf && pdf.bytes === bytes.data ? pdf.doc : null;
  const error = bytes.error?.message ?? pdfError;
  return {
    kind,
    pdf: doc,
    imageUrl,
    error,
    loading: kind !== 'none' && !error && !doc && !imageUrl,
  };
}
