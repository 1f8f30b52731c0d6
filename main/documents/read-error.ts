// Why a file could not be read, in a form the window, the CLI's JSON summary and the tests can rely on.

export const readFailureReasons = [
  'needs_password', // encrypted PDF; the user can retry with a password
  'wrong_password',
  'corrupt', // damaged or truncated content
  'empty', // zero bytes
  'too_large', // over the configured size limit
  'too_many_pages', // over the configured page limit
  'timeout', // took longer than the per-file time limit (the worker was recycled)
  'unsupported', // a type Docket does not read
] as const;
export type ReadFailureReason = (typeof readFailureReasons)[number];

export class ReadError extends Error {
  readonly reason: ReadFailureReason;
  constructor(reason: ReadFailureReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReadError';
    this.reason = reason;
  }
}

export interface ReadLimits {
  maxBytes: number;
  maxPages: number;
  /** Per-file time limit for reading, in milliseconds. */
  timeoutMs: number;
}

export const defaultReadLimits: ReadLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxPages: 2000,
  // OCR reads a dense page in about 5 s on one thread, so a long scan needs minutes.
  timeoutMs: 600_000,
};
