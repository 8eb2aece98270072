import { countedWrite } from '../../server/kit/counted-write';

/**
 * A like's or a report's write comes after the counter that counts it. When the write throws, it may
 * still have been stored (only the reply was lost): the counter is taken back only when a look by the
 * document's id finds it was not.
 */
describe('a write its counter already counted', () => {
  const lost = new Error('database reply timed out');
  const trace = () => {
    const calls: string[] = [];
    return {
      calls,
      happened: (answer: boolean | Error) => async () => {
        calls.push('look');
        if (answer instanceof Error) throw answer;
        return answer;
      },
      undo: async () => {
        calls.push('undo');
      },
    };
  };

  it('answers the write when it answers, with no look and no undo', async () => {
    const t = trace();
    expect(await countedWrite(async () => false, t.happened(true), t.undo)).toBe(false);
    expect(await countedWrite(async () => true, t.happened(false), t.undo)).toBe(true);
    expect(t.calls).toEqual([]);
  });

  it('a write that threw but was stored keeps the counter and answers as if it had answered', async () => {
    const t = trace();
    const write = async (): Promise<boolean> => {
      throw lost;
    };
    expect(await countedWrite(write, t.happened(true), t.undo)).toBe(true);
    expect(t.calls).toEqual(['look']);
  });

  it('a write that threw and was not stored takes the counter back and passes the error on', async () => {
    const t = trace();
    const write = async (): Promise<boolean> => {
      throw lost;
    };
    await expect(countedWrite(write, t.happened(false), t.undo)).rejects.toBe(lost);
    expect(t.calls).toEqual(['look', 'undo']);
  });

  it('when the look fails too, the counter stays for the timer’s recount and the write’s error is passed on', async () => {
    const t = trace();
    const write = async (): Promise<boolean> => {
      throw lost;
    };
    await expect(countedWrite(write, t.happened(new Error('unreachable')), t.undo)).rejects.toBe(lost);
    expect(t.calls).toEqual(['look']);
  });
});
