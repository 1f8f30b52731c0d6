// Errors every trainer raises: a cancel (its AbortSignal fired) and data that cannot train a model.
export class TrainingCancelledError extends Error {
  constructor(detail?: string) {
    super(detail ? `Training was cancelled (${detail}).` : 'Training was cancelled.');
    this.name = 'TrainingCancelledError';
  }
}

/** The data cannot train a model (too few labels or rows): the user's to fix, said in their words. */
export class TrainingDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingDataError';
  }
}
