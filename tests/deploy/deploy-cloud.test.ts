import path from 'node:path';
import { CloudTarget } from '../../deploy/cloud-target';
import { readRepository } from '../../deploy/desired';
import { deploy } from '../../deploy/run';
import { ROOT } from '../helpers/emulator';
import { fakeCloud } from './cloud-fake';

/**
 * The CloudBase side cannot be exercised offline, so its calls are checked against
 * @cloudbase/manager-node 5.6.5's request shapes: the fake is typed by the package's declarations
 * (types/function, types/database, types/permission, types/storage) and the expectations below follow
 * its lib/ (createFunction → CreateFunction + BatchCreateTrigger; updateCollection's
 * CreateIndexes/DropIndexes with MgoKeySchema; ModifyResourcePermission; ModifyStorageSafeRule).
 */
const SECRET = 'cloud-secret-never-printed';
const repo = readRepository();
const target = (cloud: ReturnType<typeof fakeCloud>): CloudTarget =>
  new CloudTarget(
    cloud.manager,
    'youlin-prod-1a2b',
    Object.keys(repo.functions.functions),
    repo.database.collections.map((c) => c.name),
  );
const quiet = (): void => undefined;

describe('deploying to a CloudBase environment through manager-node', () => {
  it('refuses before any call when a secret is not set in the environment', async () => {
    const cloud = fakeCloud();
    await expect(deploy(target(cloud), { dryRun: false, local: false, env: {}, log: quiet })).rejects.toThrow(
      /YOULIN_CHECKIN_SECRET \(activity\), YOULIN_CHECKIN_SECRET \(member\), YOULIN_CHECKIN_SECRET \(service\)/,
    );
    expect(cloud.calls).toEqual([]);
  });

  it('a dry run only reads', async () => {
    const cloud = fakeCloud();
    const result = await deploy(target(cloud), { dryRun: true, local: false, env: { YOULIN_CHECKIN_SECRET: SECRET }, log: quiet });
    expect(result.output).toContain('Dry run: nothing was changed.');
    expect(cloud.calls.map((c) => c.method).every((m) => /\.(get|list|describe)/.test(m))).toBe(true);
  });

  it('creates every function, collection, index and rule with the documented request shapes; a second deploy changes nothing', async () => {
    const cloud = fakeCloud();
    const first = await deploy(target(cloud), { dryRun: false, local: false, env: { YOULIN_CHECKIN_SECRET: SECRET }, log: quiet });
    expect(first.output).not.toContain(SECRET);

    const create = cloud.calls.find((c) => c.method === 'functions.createFunction' && (c.args[0] as any).func.name === 'activity')!;
    expect(create.args[0]).toEqual({
      func: {
        name: 'activity',
        timeout: 20,
        memorySize: 256,
        envVariables: { YOULIN_MINIPROGRAM_STATE: 'formal', YOULIN_CHECKIN_SECRET: SECRET },
        description: expect.stringMatching(/youlin-code:[0-9a-f]{16}$/),
        runtime: 'Nodejs20.19',
        handler: 'index.main',
        installDependency: true,
        ignore: ['src', 'src/**'],
        triggers: expect.arrayContaining([{ name: expect.any(String), type: 'timer', config: expect.stringMatching(/^(\S+ ){6}\S+$/) }]),
      },
      functionRootPath: path.join(ROOT, 'cloudfunctions'),
      force: false,
    });
    expect(cloud.calls).toContainEqual({ method: 'database.createCollectionIfNotExists', args: ['users'] });
    expect(cloud.calls).toContainEqual({
      method: 'database.updateCollection',
      args: [
        'users',
        {
          CreateIndexes: [
            {
              IndexName: 'communityId_1',
              MgoKeySchema: {
                MgoIndexKeys: [
                  { Name: 'communityId', Direction: '1' },
                  { Name: '_id', Direction: '1' },
                ],
                MgoIsUnique: false,
              },
            },
          ],
        },
      ],
    });
    expect(cloud.calls).toContainEqual({
      method: 'permission.modifyResourcePermission',
      args: [{ resourceType: 'collection', resource: 'users', permission: 'CUSTOM', securityRule: '{"read":false,"write":false}' }],
    });

    cloud.calls.length = 0;
    const second = await deploy(target(cloud), { dryRun: false, local: false, env: { YOULIN_CHECKIN_SECRET: SECRET }, log: quiet });
    expect(second.changed).toBe(false);
    expect(second.output).toContain('Nothing to do: CloudBase environment youlin-prod-1a2b already runs what the repository declares');
    expect(cloud.calls.map((c) => c.method).every((m) => /\.(get|list|describe)/.test(m))).toBe(true);
  });

  it('new code is uploaded and tagged; a changed timer trigger is replaced; a changed index is dropped and rebuilt', async () => {
    const cloud = fakeCloud();
    await deploy(target(cloud), { dryRun: false, local: false, env: { YOULIN_CHECKIN_SECRET: SECRET }, log: quiet });
    const user = cloud.functions.get('user')!;
    user.Description = 'youlin-code:0000000000000000';
    user.Triggers = [{ Name: 'old', TriggerName: 'old', Type: 'timer', Config: '0 0 1 * * * *', TriggerDesc: '{"cron":"0 0 1 * * * *"}' }];
    cloud.indexes.get('units')!.find((i) => i.Name === 'kind_1')!.Keys = [{ Name: 'kind', Direction: '-1' }];
    cloud.calls.length = 0;

    await deploy(target(cloud), { dryRun: false, local: false, env: { YOULIN_CHECKIN_SECRET: SECRET }, log: quiet });
    const changes = cloud.calls.filter((c) => !/\.(get|list|describe)/.test(c.method));
    expect(changes).toEqual([
      { method: 'database.updateCollection', args: ['units', { DropIndexes: [{ IndexName: 'kind_1' }] }] },
      { method: 'database.updateCollection', args: ['units', { CreateIndexes: [{ IndexName: 'kind_1', MgoKeySchema: { MgoIndexKeys: [{ Name: 'kind', Direction: '1' }], MgoIsUnique: false } }] }] },
      { method: 'functions.updateFunctionCode', args: [{ func: { name: 'user', installDependency: true, ignore: ['src', 'src/**'] }, functionRootPath: path.join(ROOT, 'cloudfunctions') }] },
      { method: 'functions.updateFunctionConfig', args: [{ name: 'user', description: expect.stringMatching(/youlin-code:(?!0{16})[0-9a-f]{16}$/) }] },
      { method: 'functions.deleteFunctionTrigger', args: ['user', 'old'] },
      { method: 'functions.createFunctionTriggers', args: ['user', expect.any(Array)] },
    ]);
  });

  it('sets the storage rule the way manager-node takes it: a simple permission, or CUSTOM with its rule', async () => {
    const cloud = fakeCloud();
    await target(cloud).apply({ kind: 'storage.set', rule: { acl: 'PRIVATE' } });
    await target(cloud).apply({ kind: 'storage.set', rule: { acl: 'CUSTOM', rule: { read: 'resource.openid == auth.uid', write: false } } });
    expect(cloud.calls).toEqual([
      { method: 'storage.setStorageAcl', args: ['PRIVATE', null] },
      { method: 'storage.setStorageAcl', args: ['CUSTOM', { read: 'resource.openid == auth.uid', write: false }] },
    ]);
  });
});
