/**
 * @jest-environment jsdom
 */
import path from 'node:path';
import { clearSetDataLog, expectSetDataWithinBudget, loadPage, resetWx, setDataRecords } from './simulate';

const root = path.join(__dirname, 'fixtures');
afterEach(() => resetWx());

test('Page lifecycle maps onto the component: onLoad(query), onShow, then page lifetimes', () => {
  const page = loadPage('probe/probe', { root, query: { id: '42' }, app: { globalData: { name: '友邻圈' } } });
  expect(page.data).toMatchObject({ id: '42', appName: '友邻圈', events: ['load', 'show'] });
  expect(page.instance.route).toBe('probe/probe');
  expect(page.instance.options).toEqual({ id: '42' });

  page.triggerPageLifeTime('hide');
  page.triggerPageLifeTime('show');
  expect(page.data.events).toEqual(['load', 'show', 'hide', 'show']);
});

test('methods and custom fields are on `this`, wx stubs apply and are undone', async () => {
  const callFunction = jest.fn().mockResolvedValue({ result: { ok: true } });
  const page = loadPage('probe/probe', { root, wx: { cloud: { callFunction } } });

  await expect(page.instance.onRefresh()).resolves.toEqual({ result: { ok: true } });
  expect(callFunction).toHaveBeenCalledWith({ name: 'circle', data: { action: 'list' } });
  expect(page.querySelector('.greeting')?.dom?.textContent).toBe('page size 5');

  resetWx();
  expect((globalThis as { wx?: { cloud?: unknown } }).wx?.cloud).toBeUndefined();
});

test('each load evaluates the page source afresh', () => {
  expect(loadPage('probe/probe', { root }).data.evaluations).toBe(1);
  expect(loadPage('probe/probe', { root }).data.evaluations).toBe(1);
});

test('a page file that does not call Page() is reported', () => {
  expect(() => loadPage('no-page/no-page', { root })).toThrow('no-page/no-page did not call Page()');
});

test('the setData recorder fails a payload over 64 KB or a list that grows by more than 20 at once', () => {
  const page = loadPage('probe/probe', { root });
  clearSetDataLog();

  page.instance.setData({ items: Array.from({ length: 20 }, (_, i) => i) });
  page.instance.setData({ items: Array.from({ length: 40 }, (_, i) => i) });
  expect(setDataRecords().map((r) => r.listGrowth)).toEqual([20, 20]);
  expect(() => expectSetDataWithinBudget()).not.toThrow();

  page.instance.setData({ items: Array.from({ length: 61 }, (_, i) => i) });
  expect(() => expectSetDataWithinBudget()).toThrow(/a list grew by 21/);

  page.instance.setData({ blob: 'x'.repeat(64 * 1024) });
  expect(() => expectSetDataWithinBudget()).toThrow(/65\d{3} bytes/);
  expect(setDataRecords()).toEqual([]);
});
