import fc from 'fast-check';

/** What the model tests share: the step check that stops at the first divergence, and the two runs every model gets. */

/** Throws, with every step so far, when what the emulator shows is not what the model says. */
export function expectAgrees(seen: unknown, expected: unknown, log: readonly string[]): void {
  if (JSON.stringify(seen) !== JSON.stringify(expected)) {
    throw new Error(`diverged after:\n${log.join('\n')}\nemulator ${JSON.stringify(seen)}\nmodel    ${JSON.stringify(expected)}`);
  }
}

/** The worked example, then random sequences of `length` commands with a fixed seed (a failure names its sequence). */
export function modelRuns<C>(
  run: (commands: C[]) => Promise<void>,
  example: { title: string; commands: C[] },
  random: { command: fc.Arbitrary<C>; length: [number, number]; seed: number; runs: number },
): void {
  it(`replays the worked example: ${example.title}`, async () => {
    await run(example.commands);
  }, 300_000);

  it('agrees on random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(random.command, { minLength: random.length[0], maxLength: random.length[1] }), (commands) => run(commands)),
      { seed: random.seed, numRuns: random.runs, endOnFailure: true },
    );
  }, 900_000);
}
