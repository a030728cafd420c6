import { type ThreatContext } from './finding';
import { publicBucketRule } from './public-bucket.rule';
import { aResource } from '../../../test/support/cloud-builders';
import { unencryptedDiskRule } from './unencrypted-disk.rule';

const context: ThreatContext = { resources: [] };

describe('public-bucket', () => {
  it('reports a bucket with public access', () => {
    const drafts = publicBucketRule.evaluate(
      aResource({ type: 'bucket', config: { publicAccess: true } }),
      context,
    );
    expect(drafts).toEqual([
      expect.objectContaining({ evidence: expect.objectContaining({ publicAccess: true }) }),
    ]);
  });

  it.each([false, undefined])('stays silent on a bucket whose public access is %p', (publicAccess) => {
    expect(
      publicBucketRule.evaluate(aResource({ type: 'bucket', config: { publicAccess } }), context),
    ).toEqual([]);
  });

  it('ignores the flag on anything but a bucket', () => {
    expect(
      publicBucketRule.evaluate(aResource({ type: 'disk', config: { publicAccess: true } }), context),
    ).toEqual([]);
  });
});

describe('unencrypted-disk', () => {
  it.each(['disk', 'vm'] as const)('reports an unencrypted %s', (type) => {
    const drafts = unencryptedDiskRule.evaluate(
      aResource({ type, config: { diskEncrypted: false } }),
      context,
    );
    expect(drafts).toHaveLength(1);
  });

  it.each([true, undefined])('stays silent when encryption is %p', (diskEncrypted) => {
    expect(
      unencryptedDiskRule.evaluate(aResource({ type: 'disk', config: { diskEncrypted } }), context),
    ).toEqual([]);
  });

  it('ignores types without disks of their own', () => {
    expect(
      unencryptedDiskRule.evaluate(aResource({ type: 'bucket', config: { diskEncrypted: false } }), context),
    ).toEqual([]);
  });
});
