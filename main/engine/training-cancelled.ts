// Raised by every trainer when its AbortSignal fires: callers tell a cancel from a failure by this class.
export class TrainingCancelledError extends Error {
  constructor(detail?: string) {
    super(detail ? `Training was cancelled (${detail}).` : 'Training was cancelled.');
    this.name = 'TrainingCancelledError';
  }
}
