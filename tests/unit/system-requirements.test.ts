// What `npm test` does first on a machine without Chromium or Java (issue 12, point 10).
import { describe, expect, it } from 'vitest';
import { plan, type Found } from '../system-requirements.ts';

const ALL: Found = { chromium: true, chromiumPathSet: false, java: true, root: false, apt: true };

describe('the system requirements of npm test', () => {
  it('does nothing when Chromium and Java are there', () => {
    expect(plan(ALL)).toEqual({ kind: 'ready' });
  });

  it('installs what is missing when it runs as root with apt-get, and only that', () => {
    expect(plan({ ...ALL, chromium: false, java: false, root: true })).toEqual({ kind: 'install', packages: ['chromium', 'default-jre-headless'] });
    expect(plan({ ...ALL, java: false, root: true })).toEqual({ kind: 'install', packages: ['default-jre-headless'] });
  });

  it('says in one line what to install when it may not install', () => {
    const refused = plan({ ...ALL, chromium: false });
    expect(refused).toEqual({ kind: 'refuse', message: expect.stringContaining('sudo apt-get install -y chromium') });
    expect(plan({ ...ALL, java: false, root: true, apt: false })).toMatchObject({ kind: 'refuse' });
    if (refused.kind === 'refuse') expect(refused.message).not.toContain('\n');
  });

  it('does not try to install a browser where CHROME_PATH points', () => {
    expect(plan({ ...ALL, chromium: false, chromiumPathSet: true, root: true })).toEqual({ kind: 'refuse', message: expect.stringContaining('CHROME_PATH') });
  });
});
