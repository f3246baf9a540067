// How a long job stops early when its worker shuts down: between batches it
// checks the job's abort signal and throws JobStoppedError. The job then fails
// this attempt (graphile-worker unlocks it at once), and the retry resumes
// after the last committed batch.

export class JobStoppedError extends Error {
  constructor() {
    super("stopped because the worker is shutting down; the next attempt resumes after the last saved batch");
    this.name = "JobStoppedError";
  }
}

/** Throws JobStoppedError once `signal` (the job's abort signal) has fired. */
export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new JobStoppedError();
}
