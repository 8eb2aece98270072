import { call } from '../helpers/app';
import { noticeAs } from './circle-fixtures';
import { ACTORS, COMMUNITY, LABELS, everything } from './neighbourhood';
import { ALL, itTriesEveryCell, neighbourhoodApp } from './permission-table';
import { RESIDENTS, TABLE } from './circle-permission-rows';

describe('circle permissions', () => {
  const app = neighbourhoodApp();
  const emulator = () => app.emulator;
  // A refusal may also be NOT_FOUND: what the person may not touch need not be shown to exist.
  itTriesEveryCell(app, 'circle', TABLE, (res) => {
    expect(res.ok).toBe(false);
    expect(['PERMISSION_DENIED', 'NOT_FOUND']).toContain(res.error.code);
    if (res.error.code === 'PERMISSION_DENIED') expect(res.error.message).toMatch(/居委会|自己/);
  });

  it.each(ALL.map((a) => [LABELS[a], a]))('posting: %s', async (_label, actor) => {
    const res = await call(emulator(), ACTORS[actor], 'circle', 'post', { kind: 'neighbour', content: '我想发一条动态' });
    if (RESIDENTS.includes(actor) || actor === 'otherCommittee') expect(res).toMatchObject({ ok: true, data: { communityId: actor === 'otherCommittee' ? 'other-community' : COMMUNITY } });
    else expect(res.error).toEqual({ code: 'PERMISSION_DENIED', message: '绑定楼组成为本居民区居民后才能发帖' });
  });

  it('a committee member of another community cannot post notices here, nor target buildings of another community', async () => {
    const before = everything(emulator());
    expect((await call(emulator(), 'other-committee', 'circle', 'notice', { communityId: COMMUNITY, title: '越权通知', content: '内容', audience: { kind: 'community' } })).error.code).toBe(
      'PERMISSION_DENIED',
    );
    expect(
      (await call(emulator(), 'demo-committee', 'circle', 'notice', { communityId: COMMUNITY, title: '错误范围', content: '内容', audience: { kind: 'buildings', ids: ['other-building-1'] } })).error
        .code,
    ).toBe('INVALID_ARGUMENT');
    expect(everything(emulator())).toEqual(before);
  });

  it('inputs with operator objects or unknown fields are refused with nothing written', async () => {
    const notice = await noticeAs(emulator());
    const cases: [string, string, unknown][] = [
      ['demo-resident-1', 'post', { kind: 'neighbour', content: { $ne: '' } }],
      ['demo-resident-1', 'post', { kind: 'neighbour', content: '正常内容', status: 'published' }],
      ['demo-resident-1', 'post', { kind: 'notice', content: '冒充公告' }],
      ['demo-resident-1', 'post', { kind: 'neighbour', content: '正常内容', images: Array(10).fill('cloud://env.bucket/a.jpg') }],
      ['demo-resident-1', 'post', { kind: 'neighbour', content: '长'.repeat(1001) }],
      ['demo-resident-1', 'like', { postId: { $gt: '' } }],
      ['demo-resident-1', 'get', { postId: notice.id, author: 'x' }],
      ['demo-resident-1', 'comment', { postId: notice.id, content: '评论', likeCount: 100 }],
      ['demo-committee', 'hide', { target: 'post', id: { $exists: true } }],
      ['demo-committee', 'notice', { communityId: { $ne: null }, title: '标题', content: '内容', audience: { kind: 'community' } }],
      ['demo-committee', 'notice', { communityId: COMMUNITY, title: '标题', content: '内容', audience: { kind: 'grids', ids: [{ $ne: '' }] } }],
      ['demo-resident-1', 'report', { target: 'post', id: notice.id, reason: '举报', extra: 1 }],
    ];
    const before = everything(emulator());
    for (const [as, action, data] of cases) {
      const res = await call(emulator(), as, 'circle', action, data);
      expect({ action, data, error: res.error?.code }).toEqual({ action, data, error: 'INVALID_ARGUMENT' });
      expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(everything(emulator())).toEqual(before);
  });
});
