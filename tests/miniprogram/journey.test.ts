/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * One activity from both sides, every step by taps on the pages themselves: a volunteer signs up and
 * sees 待审核; the committee approves on its review page; the volunteer's page shows 已通过; on the
 * day the organiser's page shows the live QR, and the volunteer's scan of what it encodes checks
 * them in.
 */
import { qrDrawCommands, qrMatrix } from '../../miniprogram/utils/qr/qr';
import { HOUR, MINUTE, insertActivity } from '../functions/attendance-fixtures';
import { pageTestSetup } from './page-test';
import { element, screen, settled, tapOn } from './screen';
import { SimPage } from './simulate';

const phone = pageTestSetup();

/** The rectangles the QR component paints on its canvas. */
function painted(page: SimPage): unknown {
  const qr = element(page, '.checkin__qr');
  const ctx = { fillStyle: '', scale: () => {}, fillRect: () => {} };
  return qr.instance.paint({ width: 0, height: 0, getContext: () => ctx }, 2);
}

test('signed up, approved on the review page, 已通过, then checked in with the QR on the organiser’s phone', async () => {
  const now = Date.now();
  const activity = await insertActivity(phone.emulator, {
    title: '敬老院读报志愿服务',
    approval: 'committee',
    startAt: new Date(now + 30 * MINUTE),
    endAt: new Date(now + 2 * HOUR),
    signupOpensAt: new Date(now - 24 * HOUR),
    signupClosesAt: new Date(now + 20 * MINUTE),
  });
  const activityId = activity._id;

  const volunteer = phone.open('pages/activity-detail/activity-detail', 'demo-volunteer-2', { query: { id: activityId } });
  await settled();
  tapOn(volunteer, '.detail__submit');
  await settled();
  expect(element(volunteer, '.detail__status').dom?.textContent).toBe('待审核');

  const review = phone.open('packageCommittee/pages/review/review', 'demo-committee', { query: { activityId } });
  await settled();
  expect(screen(review)).toContain('待审核 1 人');
  tapOn(review, '.review__approve');
  await settled();
  expect(screen(review)).toContain('没有待审核的报名');

  const organiser = phone.open('packageCommittee/pages/checkin-code/checkin-code', 'demo-committee', {
    query: { activityId },
    wx: { setKeepScreenOn: () => {}, getWindowInfo: () => ({ windowWidth: 375, pixelRatio: 2 }) },
  });
  await settled();
  const shown = String(organiser.data.token);
  expect(painted(organiser)).toEqual(qrDrawCommands(qrMatrix(shown), Number(organiser.data.size)));

  // The camera reads what the organiser's screen shows.
  const scanCode = ({ success }: { success(res: { result: string }): void }) => setTimeout(() => success({ result: shown }));
  const approved = phone.open('pages/activity-detail/activity-detail', 'demo-volunteer-2', { query: { id: activityId }, wx: { scanCode } });
  await settled();
  expect(element(approved, '.detail__status').dom?.textContent).toBe('已通过');

  tapOn(approved, '.detail__scan-in');
  await settled();
  expect(screen(approved)).toContain('已签到');
  organiser.detach();
});
