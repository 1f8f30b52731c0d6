// Errors every trainer raises: a cancel (its AbortSignal fired) and data that cannot train a model.
import { DocketError } from '../api/errors.ts';
export class TrainingCancelledError extends Error {
  constructor(detail?: string) {
    super(detail ? `Training was cancelled (${detail}).` : 'Training was cancelled.');
    this.name = 'TrainingCancelledError';
  }
}

/** The data cannot train a model (too few labels or rows): the user's to fix, said in their words. */
export class TrainingDataError extends DocketError {
  constructor(message: string) {
    super('BAD_INPUT', message);
    this.name = 'TrainingDataError';
  }
}
