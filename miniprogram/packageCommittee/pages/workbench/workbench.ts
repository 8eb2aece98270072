/** 居委会工作台 (committee): the menu of the committee's pages. */
Page({
  data: {
    entries: [{ title: '社区活动', note: '报名审核、现场签到码', url: '/packageCommittee/pages/activities/activities' }],
  },
});
