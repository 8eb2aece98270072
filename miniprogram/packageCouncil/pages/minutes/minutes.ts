/**
 * 发布会议纪要 (committee, from a meeting on the topic page, `?topicId=&meetingId=`): the meeting's
 * kind, time and place, and the minutes' text; the attendance is counted from its QR sign-ins by
 * the function. Anyone else reads that the page is the committee's. Logic in ./view.
 */
import { NO_RETRY, submitOnce } from '../../../services/api/idempotency';
import { deskOf } from '../../../services/council/council';
import { meetings, publishMinutes } from '../../../services/council/deliberation';
import { MeetingRow, meetingRow } from '../../../services/council/present-deliberation';
import { elderMode } from '../../../services/display/display';
import { loadEvents } from '../../../utils/page-events/page-events';
import { checkMinutes } from './view';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    meeting: null as MeetingRow | null,
    text: '',
    submitting: false,
    formError: '',
    done: '',
  },

  topicId: '',
  meetingId: '',
  retry: NO_RETRY,

  onLoad(query: Record<string, string | undefined>) {
    this.topicId = (query && query.topicId) || '';
    this.meetingId = (query && query.meetingId) || '';
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    const desk = await deskOf(this);
    if (!desk) return;
    const got = await meetings(this.topicId);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    const found = got.data.items.find((m) => m.id === this.meetingId);
    if (!found) return this.setData({ loading: false, loadError: '没有找到这次会议' });
    const meeting = meetingRow(found, Date.now(), true);
    this.setData({ loading: false, meeting, done: meeting.minutes ? '这次会议的纪要已经公布' : '' });
  },

  onText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ text: e.detail.value, formError: '' });
  },

  async onSubmit() {
    if (this.data.submitting || this.data.done) return;
    const checked = checkMinutes(this.data.text);
    if (!checked.ok) return this.setData({ formError: checked.message });
    const meetingId = this.meetingId;
    const sent = await submitOnce(this, `${meetingId}/${checked.input.text}`, (key) => publishMinutes(meetingId, checked.input.text, key));
    if (!sent) return;
    const meeting = meetingRow(sent.data, Date.now(), true);
    this.setData({ submitting: false, meeting, done: `纪要已公布，${meeting.minutes ? meeting.minutes.attendees : ''}` });
  },
});
