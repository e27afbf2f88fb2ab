import { describe, expect, it } from 'vitest';
import { decidePublish } from '../../../src/publish/publish-timing.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 0, 0, seconds));
const base = { quietSeconds: 5, maxWaitSeconds: 300 };

describe('when a publish request becomes a release', () => {
  it('waits while the records are still changing', () => {
    expect(decidePublish({ ...base, requestedAt: at(10), lastChangedAt: at(12), latestReleaseAt: undefined, now: at(13) })).toEqual({
      action: 'defer',
      delaySeconds: 4,
    });
  });

  it('releases once the records have been still for the quiet period', () => {
    expect(decidePublish({ ...base, requestedAt: at(10), lastChangedAt: at(12), latestReleaseAt: undefined, now: at(17) })).toEqual({ action: 'publish' });
  });

  it('treats a request made before the latest release as served, when nothing changed since', () => {
    expect(decidePublish({ ...base, requestedAt: at(10), lastChangedAt: at(11), latestReleaseAt: at(20), now: at(21) })).toEqual({ action: 'covered' });
  });

  it('does not treat an old request as served when records changed after the latest release', () => {
    expect(decidePublish({ ...base, requestedAt: at(10), lastChangedAt: at(25), latestReleaseAt: at(20), now: at(40) })).toEqual({ action: 'publish' });
  });

  it('stops waiting after the longest wait, so a constantly changing dataset still gets releases', () => {
    expect(decidePublish({ ...base, requestedAt: at(0), lastChangedAt: at(299), latestReleaseAt: undefined, now: at(300) })).toEqual({ action: 'publish' });
  });
});
