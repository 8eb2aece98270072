/**
 * How a topic's later sections read (pure): a comment with its author and state (hidden ones say so,
 * with the committee's reason), a meeting with its kind, time, place and minutes, and the follow-up
 * project as a bar with its dated updates. Times in Shanghai whatever the phone's zone.
 */
import { shanghaiDateTime } from '../../utils/time';
import { CouncilComment, Meeting, Progress, Project } from './types';

export interface CommentRow {
  id: string;
  who: string;
  content: string;
  when: string;
  /** '' when published; else what the author and the committee read about it. */
  state: string;
  /** The committee may hide it (published or waiting for review). */
  hideable: boolean;
}

export function commentRow(c: CouncilComment, committee: boolean): CommentRow {
  const where = c.author.building ? `（${c.author.building}）` : '';
  const state = c.status === 'hidden' ? `已被居委会隐藏${c.hideReason ? `：${c.hideReason}` : ''}` : c.status === 'review' ? '审核中，仅您和居委会可见' : c.status === 'removed' ? '已删除' : '';
  return {
    id: c.id,
    who: `${c.author.displayName}${where}`,
    content: c.content,
    when: shanghaiDateTime(c.createdAt),
    state,
    hideable: committee && (c.status === 'published' || c.status === 'review'),
  };
}

export interface MeetingRow {
  id: string;
  activityId: string;
  title: string;
  kindName: string;
  time: string;
  place: string;
  /** 未开始 / 进行中 / 已结束 / 已取消. */
  status: string;
  /** Residents may still sign up (before it begins, not cancelled). */
  signup: boolean;
  minutes: null | { text: string; attendees: string; published: string };
  /** The committee may publish minutes: it has begun, is not cancelled and has none yet. */
  minutesDue: boolean;
}

export function meetingRow(m: Meeting, now: number, committee: boolean): MeetingRow {
  const start = Date.parse(m.startAt);
  const end = Date.parse(m.endAt);
  const status = m.cancelled ? '已取消' : now < start ? '未开始' : now < end ? '进行中' : '已结束';
  return {
    id: m.id,
    activityId: m.activityId,
    title: m.title,
    kindName: m.kindName,
    time: `${shanghaiDateTime(m.startAt)} – ${shanghaiDateTime(m.endAt).replace(/^.*日 /, '')}`,
    place: m.placeText,
    status,
    signup: !m.cancelled && now < start,
    minutes: m.minutes ? { text: m.minutes.text, attendees: `签到 ${m.minutes.attendees} 人`, published: `${shanghaiDateTime(m.minutes.publishedAt)} 公布` } : null,
    minutesDue: committee && !m.cancelled && !m.minutes && now >= start,
  };
}

export interface ProjectView {
  title: string;
  percent: number;
  /** "已完成" when done, else "落实中 60%". */
  statusText: string;
  done: boolean;
  started: string;
  updates: { id: string; day: string; percent: string; text: string }[];
}

export function projectView(p: Project, updates: readonly Progress[]): ProjectView {
  const done = p.status === 'done';
  return {
    title: p.title,
    percent: Math.max(0, Math.min(100, p.percent)),
    statusText: done ? `已完成${p.doneOn ? `（${p.doneOn}）` : ''}` : `落实中 ${p.percent}%`,
    done,
    started: `${p.startedOn} 启动 · ${p.updates} 次进展`,
    updates: updates.map((u) => ({ id: u.id, day: u.day, percent: `${u.percent}%`, text: u.text })),
  };
}
