/**
 * 我的活动 (from 我的): my signups, newest first, each with its state and what to do next; a tap
 * opens the activity; 我的时长与积分 opens my volunteer hours. Data comes from services/activity; display shapes from ../activity-detail/view.
 */
import { MySignupPage, mySignups } from '../../services/activity/activity';
import { listData, listEvents, loadFirst, loadMore } from '../../utils/paged-list/paged-list';
import { statusText, timeRange } from '../activity-detail/view';

interface Row {
  id: string;
  activityId: string;
  title: string;
  time: string;
  status: string;
  nextStep: string;
}

function row(item: MySignupPage['items'][number]): Row {
  return {
    id: item.signup.id,
    activityId: item.activity.id,
    title: item.activity.title,
    time: timeRange(item.activity.startAt, item.activity.endAt),
    status: statusText(item.signup, item.activity.approval),
    nextStep: item.nextStep,
  };
}

Page({
  data: { ...listData<Row>(), elder: false },
  ...listEvents,

  load() {
    return loadFirst(
      this,
      () => mySignups(),
      (items) => items.map(row),
      { keepRows: true },
    );
  },

  loadMore() {
    return loadMore(this, mySignups, (items) => items.map(row));
  },

  onOpenHours() {
    wx.navigateTo({ url: '/pages/my-hours/my-hours' });
  },

  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (id) wx.navigateTo({ url: `/pages/activity-detail/activity-detail?id=${encodeURIComponent(id)}` });
  },
});
