// DocketError carries a contract error code and a message written for the user, so every shell can show
// it as it is (the CLI prints it and exits 1; HTTP and IPC send it to the window).
import type { ApiError, ErrorCode } from './contract.ts';

export class DocketError extends Error {
  readonly code: ErrorCode;
  readonly issues: ApiError['issues'];

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; issues?: ApiError['issues'] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DocketError';
    this.code = code;
    this.issues = options?.issues;
  }

  toApiError(): ApiError {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

export function isDocketError(e: unknown): e is DocketError {
  return e instanceof DocketError;
}
