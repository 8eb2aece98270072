import fs from 'node:fs';
import path from 'node:path';
import { Emulator, startEmulator } from '../../emulator/app';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { readTemplateRegistry } from '../../emulator/subscription-templates';
import { seedDemo } from '../../scripts/demo/seed-store';
import { TEMPLATES } from '../../server/subscription-templates';
import { ROOT } from '../helpers/emulator';
import { activityFields } from './activity-fixtures';
import { COMMUNITY, okCall } from './neighbourhood';

/**
 * A message WeChat refuses before using the consent (here 41030: the page it opens is not in the
 * released app) is recorded as failed with WeChat's errcode, and the consent is given back.
 */

const COMMITTEE = 'demo-committee';
const resident = (n: number) => `demo-resident-${n}`;

describe('while the activity page is not yet in the released app', () => {
  // WeChat checks `page` against the released app's pages: here app.json's, without the activity page.
  let emulator: Emulator;
  beforeAll(async () => {
    const pages: string[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'miniprogram', 'app.json'), 'utf8')).pages;
    emulator = await startEmulator({
      dataDir: null,
      functionsDir: path.join(ROOT, 'cloudfunctions'),
      schema: readDatabaseDeclaration().collections,
      openApi: { templates: readTemplateRegistry(), pages: pages.filter((p) => p !== 'pages/activity/activity') },
    });
    await seedDemo(emulator.db);
  });
  afterAll(() => emulator.close());

  it('WeChat answers 41030: the send is recorded as failed with that errcode and the consent is given back (WeChat did not use it)', async () => {
    const openid = resident(1);
    await fetch(`${emulator.url}/emulator/consents`, { method: 'POST', body: JSON.stringify({ openid, results: { [TEMPLATES.signupApproved.id]: 'accept' } }) });
    await okCall(emulator, openid, 'user', 'recordConsents', { results: { signupApproved: 'accept' } });
    const fields = activityFields({ title: '社区义诊', description: '', series: 'wellness', place: { text: '卫生服务中心' }, capacity: 10, approval: 'committee' });
    const activity = await okCall(emulator, COMMITTEE, 'activity', 'create', { communityId: COMMUNITY, fields });
    const signup = await okCall(emulator, openid, 'activity', 'signup', { activityId: activity.id, answers: {} });
    await okCall(emulator, COMMITTEE, 'activity', 'review', { activityId: activity.id, signupIds: [signup.id], decision: 'approve' });
    expect(await emulator.host.fireTimer('activity', 'tellReviewed')).toMatchObject({ ok: true, result: { ok: true, data: { told: 1 } } });

    expect(emulator.openApi.outbox()).toEqual([]);
    expect(emulator.db.find('notifications', { openid })).toEqual([expect.objectContaining({ kind: 'signupApproved', status: 'failed', errcode: 41030 })]);
    expect(emulator.db.find('subscriptions', { openid })[0].remaining).toBe(1);
  });
});
