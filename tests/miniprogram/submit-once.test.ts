import { FormPage, NO_RETRY, submitOnce } from '../../miniprogram/services/api/idempotency';

/** A form page as the helper sees it: its memo and what it was last told to show. */
function formPage(): FormPage & { shown: { submitting: boolean; formError: string }[] } {
  const shown: { submitting: boolean; formError: string }[] = [];
  return { retry: NO_RETRY, shown, setData: (data) => void shown.push(data) };
}

/**
 * Every consultation and demand form sends through submitOnce: a tap shows 提交中, a refusal ends it
 * with the reason and the typed form kept, and a lost answer is retried with the same key, so the
 * committee's second tap opens one vote, not two.
 */
describe('a form submission', () => {
  it('when the answer is lost, the second tap sends the same key; once through, the page gets the answer', async () => {
    const page = formPage();
    const keys: string[] = [];
    const lost = await submitOnce(page, 'openVote/加装电梯', async (key) => {
      keys.push(key);
      return { ok: false, error: { code: 'UNAVAILABLE', message: '网络不好，请重试' } };
    });
    expect(lost).toBeNull();
    expect(page.shown).toEqual([
      { submitting: true, formError: '' },
      { submitting: false, formError: '网络不好，请重试' },
    ]);
    const through = await submitOnce(page, 'openVote/加装电梯', async (key) => {
      keys.push(key);
      return { ok: true, data: { eligibleHouseholds: 120 } };
    });
    expect(through).toEqual({ ok: true, data: { eligibleHouseholds: 120 } });
    expect(keys[1]).toBe(keys[0]);
    // Still submitting: the page says the outcome itself.
    expect(page.shown[page.shown.length - 1]).toEqual({ submitting: true, formError: '' });
    expect(page.retry).toEqual(NO_RETRY);
  });

  it('a refusal says why and forgets the key: the next, changed submission is a new write', async () => {
    const page = formPage();
    const keys: string[] = [];
    const refused = await submitOnce(page, 'answer/太短', async (key) => {
      keys.push(key);
      return { ok: false, error: { code: 'INVALID_ARGUMENT', message: '答复至少 2 个字' } };
    });
    expect(refused).toBeNull();
    expect(page.shown[page.shown.length - 1]).toEqual({ submitting: false, formError: '答复至少 2 个字' });
    await submitOnce(page, 'answer/经核实，结果有效', async (key) => {
      keys.push(key);
      return { ok: true, data: null };
    });
    expect(keys[1]).not.toBe(keys[0]);
  });
});
