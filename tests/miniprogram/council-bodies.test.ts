/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 议事机构 by taps against the real `council` function on the demo seed: the committee reads the
 * tree 群英荟 → 第1微网格自治议事会 → 1号楼楼道自治小组 with scope and convener by name, adds a
 * working committee under the grid council for 2号楼 with a convener and a member, and edits the
 * scope of one; a form with no building chosen is stopped before it is sent.
 */
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { screen, settled, tapOn, typeInto } from './screen';
import { COUNCIL, PEOPLE, warmCouncil } from './council-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmCouncil(() => phone.emulator);

test('the committee reads the tree of bodies and adds a working committee for 2号楼', async () => {
  const page = phone.open('packageCouncil/pages/bodies/bodies', PEOPLE.committee);
  await settled();
  expect(page.data.rows.map((r: { name: string; depth: number }) => [r.name, r.depth])).toEqual([
    ['群英荟', 0],
    ['第1微网格自治议事会', 1],
    ['1号楼楼道自治小组', 2],
  ]);
  const building = page.data.rows[2];
  expect(building.scope).toBe('楼组：1号楼');
  expect(building.people).toMatch(/^召集人：\S+（1号楼） · 成员 1 人$/);

  tapOn(page, '.bodies__new');
  await settled();
  typeInto(page, '.bodies__name', '2号楼停车自治小组');
  tapOn(page, `.bodies__parent--${COUNCIL.selfGovernance}`);
  tapOn(page, '.bodies__scope--buildings');
  await settled();
  tapOn(page, '.bodies__save');
  await settled();
  expect(screen(page)).toContain('请选择至少一栋楼');

  tapOn(page, '.bodies__unit--demo-building-2');
  tapOn(page, `.bodies__convener--${PEOPLE.otherBuilding}`);
  tapOn(page, '.bodies__member--demo-resident-6');
  await settled();
  expect(page.data.memberOn['demo-resident-6']).toBe(true);
  tapOn(page, '.bodies__save');
  await settled();
  expect(screen(page)).toContain('已保存：2号楼停车自治小组');
  const [saved] = phone.emulator.db.find('council_bodies', { name: '2号楼停车自治小组' }) as any[];
  expect(saved).toMatchObject({
    parentId: COUNCIL.selfGovernance,
    kind: 'workingCommittee',
    scope: { kind: 'buildings', ids: ['demo-building-2'] },
    convener: PEOPLE.otherBuilding,
    members: ['demo-resident-6'],
  });
  const added = page.data.rows.find((r: { id: string }) => r.id === saved._id);
  expect(added).toMatchObject({ depth: 2, scope: '楼组：2号楼' });
});
