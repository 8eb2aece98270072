import { ActivityFields, Answers, Audience, SignupForm } from './activities';

/** Pure rules about activities, shared by the functions and the pages. */

/** Whether someone living at `place` may sign up for an activity of `communityId` with `audience`. */
export function audienceIncludes(audience: Audience, communityId: string, place: { communityId: string | null; gridId: string | null; buildingId: string | null }): boolean {
  if (audience.kind === 'public') return true;
  if (place.communityId !== communityId) return false;
  if (audience.kind === 'community') return true;
  if (audience.kind === 'grids') return place.gridId !== null && audience.ids.includes(place.gridId);
  return place.buildingId !== null && audience.ids.includes(place.buildingId);
}

/** The first thing wrong with an activity's times, in words a committee member understands; null when fine. */
export function timesProblem(f: Pick<ActivityFields, 'startAt' | 'endAt' | 'signupOpensAt' | 'signupClosesAt' | 'shifts'>): string | null {
  const t = (s: string) => new Date(s).getTime();
  if (t(f.endAt) <= t(f.startAt)) return '结束时间要晚于开始时间';
  if (t(f.signupClosesAt) <= t(f.signupOpensAt)) return '报名截止时间要晚于报名开始时间';
  if (t(f.signupClosesAt) > t(f.startAt)) return '报名要在活动开始前截止';
  for (const shift of f.shifts) {
    if (t(shift.endAt) <= t(shift.startAt)) return `岗位“${shift.role}”的结束时间要晚于开始时间`;
    if (t(shift.startAt) < t(f.startAt) - 86_400_000 || t(shift.endAt) > t(f.endAt) + 86_400_000) return `岗位“${shift.role}”要在活动前后一天之内`;
  }
  return null;
}

/** The first thing wrong with a signup's answers for `form`; null when they fit. */
export function answersProblem(form: SignupForm, answers: Answers): string | null {
  if (form.phone === 'required' && !answers.phone) return '请填写手机号';
  if (form.phone === 'off' && answers.phone) return '这个活动不需要填写手机号';
  if ((answers.companions ?? 0) > form.companionsMax) return form.companionsMax === 0 ? '这个活动不能带同伴' : `最多带 ${form.companionsMax} 位同伴`;
  if (form.note === 'required' && !answers.note) return `请填写${form.noteLabel ?? '备注'}`;
  if (form.note === 'off' && answers.note) return '这个活动不需要填写备注';
  return null;
}
