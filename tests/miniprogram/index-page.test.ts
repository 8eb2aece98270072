/**
 * @jest-environment jsdom
 */
import { loadPage, resetWx, simulate } from './simulate';

afterEach(() => resetWx());

const tiles = (page: ReturnType<typeof loadPage>) => page.querySelectorAll('.tiles__item');

test('the landing page shows the product and the three entry tiles', () => {
  const page = loadPage('pages/index/index');
  expect(page.querySelector('.hero__title')?.dom?.textContent).toBe('友邻圈');
  expect(page.querySelector('.hero__desc')?.dom?.textContent).toContain('党建引领');
  const titles = tiles(page).map((tile) => tile.querySelector('.tile__title')?.dom?.textContent);
  expect(titles).toEqual(['友邻圈', '服务菜单', '活动报名']);
});

test('tapping the activity tile navigates to the activity page', async () => {
  const navigateTo = jest.fn();
  const page = loadPage('pages/index/index', { wx: { navigateTo } });
  const activity = tiles(page)[2];
  expect(activity.data.title).toBe('活动报名');

  activity.querySelector('.tile')!.dispatchEvent('tap');
  await simulate.sleep(0);

  expect(navigateTo).toHaveBeenCalledTimes(1);
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/activity/activity' });
});
