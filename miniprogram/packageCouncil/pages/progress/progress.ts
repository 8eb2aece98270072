/**
 * 更新落实进展 (committee, from the project on the topic page, `?topicId=`): the percent reached
 * (never below the last; 100% finishes the project), what was done and on which day. Anyone else
 * reads that the page is the committee's. Logic in ./view.
 */
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { deskOf } from '../../../services/council/council';
import { project, reportProgress } from '../../../services/council/deliberation';
import { ProjectView, projectView } from '../../../services/council/present-deliberation';
import { Project } from '../../../services/council/types';
import { elderMode } from '../../../services/display/display';
import { loadEvents } from '../../../utils/page-events/page-events';
import { checkProgress, shanghaiToday } from './view';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    view: null as ProjectView | null,
    percent: '',
    text: '',
    day: '',
    today: '',
    submitting: false,
    formError: '',
    done: '',
  },

  topicId: '',
  current: null as Project | null,
  retry: NO_RETRY,

  onLoad(query: Record<string, string | undefined>) {
    this.topicId = (query && query.topicId) || '';
    this.retry = NO_RETRY;
    const today = shanghaiToday(Date.now());
    this.setData({ elder: elderMode(), day: today, today });
    void this.load();
  },

  async load() {
    const desk = await deskOf(this);
    if (!desk) return;
    const got = await project(this.topicId);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    this.current = got.data.project;
    this.setData({ loading: false, view: projectView(got.data.project, []) });
  },

  onPercent(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ percent: e.detail.value, formError: '' });
  },

  onText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ text: e.detail.value, formError: '' });
  },

  onDay(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ day: e.detail.value, formError: '' });
  },

  async onSubmit() {
    const last = this.current;
    if (!last || this.data.submitting) return;
    const checked = checkProgress(this.topicId, this.data, last, shanghaiToday(Date.now()));
    if (!checked.ok) return this.setData({ formError: checked.message });
    this.setData({ submitting: true, formError: '', done: '' });
    const { sent, memo } = await sendOnce(this.retry, JSON.stringify(checked.input), (key) => reportProgress(checked.input, key));
    this.retry = memo;
    if (!sent.ok) return this.setData({ submitting: false, formError: sent.error.message });
    this.current = sent.data;
    const view = projectView(sent.data, []);
    this.setData({ submitting: false, view, percent: '', text: '', done: view.done ? '进展已公布，项目已完成' : `进展已公布：${view.statusText}` });
  },
});
