/** What the committee pages need from functions `activity`, `user` and `community`, typed by the contract. */
import { ActionInput, Result } from '../../generated/domain';
import { callApi } from '../../services/api/api';
import { apiTarget } from '../../services/api/config';
import { CALL_TIMEOUT_MS } from '../../services/api/transport';
import { ActivityChanges, ActivityFields, ActivityPage, CheckinCode, ManagedActivity, Me, ReviewOutcome, Roster, Tree } from './types';

export * from './types';

/** The signups still waiting for the committee, oldest first, 20 a page. */
export function pendingSignups(activityId: string, cursor?: string): Promise<Result<Roster>> {
  return callApi('activity', 'roster', cursor ? { activityId, status: 'pending', cursor } : { activityId, status: 'pending' });
}

/** Approves (never past capacity) or rejects with a reason, at most 100 at a time. */
export function reviewSignups(activityId: string, signupIds: string[], decision: 'approve' | 'reject', reason?: string, idempotencyKey?: string): Promise<Result<ReviewOutcome>> {
  const data = reason === undefined ? { activityId, signupIds, decision } : { activityId, signupIds, decision, reason };
  return callApi('activity', 'review', data, { idempotencyKey });
}

/** A fresh check-in token for the full-screen QR. */
export function checkinCode(activityId: string): Promise<Result<CheckinCode>> {
  return callApi('activity', 'checkinCode', { activityId });
}

/**
 * As its committee: every activity of the community, cancelled ones and those that ended in the last
 * 30 days too, whatever their audience. Without a community (an admin): the activities open to me.
 */
export function communityActivities(communityId: string, cursor?: string): Promise<Result<ActivityPage>> {
  const data: ActionInput<'activity', 'list'> = communityId ? { communityId } : {};
  if (cursor) data.cursor = cursor;
  return callApi('activity', 'list', data);
}

/** The community my committee role is for; '' when I have none. */
export function managedCommunity(me: Me): string {
  const role = me.roles.find((r) => r.role === 'committee');
  return role && role.role === 'committee' ? role.communityId : '';
}

/** Who I am: my roles say which community I manage. */
export function getMe(): Promise<Result<Me>> {
  return callApi('user', 'me', {});
}

/** A community's grids and buildings, for choosing an activity's audience. */
export function communityTree(communityId: string): Promise<Result<Tree>> {
  return callApi('community', 'tree', { communityId });
}

/** One activity as its organisers see it. */
export function getManagedActivity(activityId: string): Promise<Result<ManagedActivity>> {
  return callApi('activity', 'get', { activityId }).then((got) => (got.ok ? { ok: true as const, data: got.data.activity } : got));
}

/** Publishes an activity; the same key on a retry gets the first call's answer (one activity, not two). */
export function createActivity(communityId: string, fields: ActivityFields, idempotencyKey: string): Promise<Result<ManagedActivity>> {
  return callApi('activity', 'create', { communityId, fields }, { idempotencyKey });
}

/** Changes only the fields given; shifts cannot change once published. */
export function updateActivity(activityId: string, fields: ActivityChanges): Promise<Result<ManagedActivity>> {
  return callApi('activity', 'update', { activityId, fields });
}

/** Cancels the activity; everyone signed up is told the reason. */
export function cancelActivity(activityId: string, reason: string): Promise<Result<ManagedActivity>> {
  return callApi('activity', 'cancelActivity', { activityId, reason });
}

/** One page (20) of the roster; `unmask` shows full phone numbers and is recorded in the audit log. */
export function rosterPage(activityId: string, options: { cursor?: string; unmask?: boolean } = {}): Promise<Result<Roster>> {
  const data: ActionInput<'activity', 'roster'> = { activityId };
  if (options.cursor) data.cursor = options.cursor;
  if (options.unmask) data.unmask = true;
  return callApi('activity', 'roster', data);
}

/** The whole roster as a CSV file in cloud storage: its fileID and a link that works for 10 minutes. */
export function exportRoster(activityId: string, unmask: boolean): Promise<Result<Roster>> {
  return callApi('activity', 'roster', unmask ? { activityId, format: 'csv', unmask: true } : { activityId, format: 'csv' });
}

export interface DownloadedCsv {
  text: string;
  /** Where the file is on the phone (cloud mode), for wx.openDocument; '' when it was only read. */
  filePath: string;
}

const DOWNLOAD_FAILED = '下载名单失败，请稍后重试';

/**
 * Fetches an exported CSV. In the cloud it is downloaded to the phone (wx.downloadFile) and read
 * back; locally the emulator's link is read with wx.request. Never throws.
 */
export async function downloadCsv(url: string): Promise<Result<DownloadedCsv>> {
  const failed = { ok: false as const, error: { code: 'UNAVAILABLE' as const, message: DOWNLOAD_FAILED } };
  const local = (await apiTarget()).mode === 'local';
  return new Promise((resolve) => {
    try {
      if (local) {
        wx.request({
          url,
          method: 'GET',
          dataType: 'text',
          responseType: 'text',
          timeout: CALL_TIMEOUT_MS,
          success: (res) => resolve(res.statusCode === 200 && typeof res.data === 'string' ? { ok: true, data: { text: res.data, filePath: '' } } : failed),
          fail: () => resolve(failed),
        });
        return;
      }
      wx.downloadFile({
        url,
        success: (res) => {
          if (res.statusCode !== 200) return resolve(failed);
          wx.getFileSystemManager().readFile({
            filePath: res.tempFilePath,
            encoding: 'utf8',
            success: (read) => resolve({ ok: true, data: { text: typeof read.data === 'string' ? read.data : '', filePath: res.tempFilePath } }),
            fail: () => resolve({ ok: true, data: { text: '', filePath: res.tempFilePath } }),
          });
        },
        fail: () => resolve(failed),
      });
    } catch {
      resolve(failed);
    }
  });
}
