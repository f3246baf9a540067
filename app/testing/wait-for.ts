// Polls until what a test waits for (a worker's job, a live effect) has happened: reads every 100 ms
// until `done` holds, and fails after `ms` naming what it waited for and the last value it saw.
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last saw ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
