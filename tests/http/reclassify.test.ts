// Reclassification (issue 13, point 7): a second version of the segment rule —
// here the age criterion moved from 67+ to 80+ — is applied to every stored
// response from the admin page, while the server goes on answering; the raw
// answers stay as they were, the old classification stays beside the new, and
// the export carries the new rule's version.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_RULE, type SegmentRule } from '../../server/survey/classify.ts';
import { instrument } from '../../server/survey/definition.ts';
import { seedRound } from '../../server/synthetic/seed-round.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { exportCsv } from '../helpers/admin.ts';
import { Browser } from '../helpers/browser.ts';
import { signedInAdmin } from '../helpers/sign-in.ts';

const EIGHTY_PLUS = 7;
const AGE_67_79 = 6;
/** The test's new rule: "over 67" becomes "80 or older". */
const RULE_80: SegmentRule = {
  version: 'utsatt-test.2',
  description: { nb: 'Som utsatt-2022.1, men alder 80 år eller eldre.', nn: 'Som utsatt-2022.1, men alder 80 år eller eldre.', en: 'As utsatt-2022.1, but aged 80 or over.' },
  criteria: (answers) => {
    const before = CURRENT_RULE.criteria(answers);
    const age = answers['age_group'];
    return { ...before, age: age === EIGHTY_PLUS ? true : age === AGE_67_79 ? false : before.age };
  },
};
/** Enough for several batches, so requests are seen to be answered between them. */
const RESPONSES = 12_000;

let before: TestApp;
let after: TestApp;
beforeAll(async () => {
  before = await testApp();
  seedRound(before.db.conn, instrument, before.stores.rounds.bySlug('demo')!, { count: RESPONSES, seed: 'reclassify' });
  // The same data dir, served by a version with the new rule.
  after = await testApp({ rule: RULE_80, env: { DATA_DIR: before.config.dataDir } });
});
afterAll(() => {
  after.close();
  before.close();
});

const answersDigest = (target: TestApp) =>
  createHash('sha256')
    .update(JSON.stringify(target.db.conn.prepare('SELECT * FROM answers ORDER BY response_id, question_id, code').raw().all()))
    .digest('hex');

describe('reclassification under a new rule version', { timeout: 60_000 }, () => {
  it('classifies every response again from its raw answers, keeps the old classification, and the export carries the new version', async () => {
    const rawBefore = answersDigest(after);
    const admin = await signedInAdmin(after);
    const page = await admin.visit('/admin/reclassify');
    expect(page.pageId).toBe('admin-reclassify');
    expect(page.html.querySelector('main')!.textContent).toContain(`${RESPONSES}`);

    await admin.post('/admin/reclassify', {});
    // While it runs, citizens are served: a start page comes back before the last batch is written.
    const citizen = await new Browser(after).visit('/s/demo');
    expect(citizen.status).toBe(200);
    expect(after.stores.classifications.missing(RULE_80.version)).toBeGreaterThan(0);
    await expect.poll(() => after.stores.classifications.missing(RULE_80.version), { timeout: 30_000, interval: 100 }).toBe(0);
    const done = await admin.visit('/admin/reclassify');
    expect(done.html.querySelector('[role="status"]')?.textContent).toContain(`${RESPONSES}`);

    expect(answersDigest(after)).toBe(rawBefore);
    const counts = Object.fromEntries(after.stores.classifications.versions().map((v) => [v.ruleVersion, v.responses]));
    expect(counts).toEqual({ [CURRENT_RULE.version]: RESPONSES, [RULE_80.version]: RESPONSES });

    // Someone aged 67–79 who is utsatt only by age is utsatt no more; everyone else as before, by age alone.
    const changed = after.db.conn
      .prepare(
        `SELECT old.segment AS was, new.segment AS now, old.reasons AS reasons,
                (SELECT code FROM answers a WHERE a.response_id = old.response_id AND a.question_id = 'age_group') AS age
           FROM classifications old JOIN classifications new ON new.response_id = old.response_id
          WHERE old.rule_version = ? AND new.rule_version = ? AND old.segment <> new.segment`,
      )
      .all(CURRENT_RULE.version, RULE_80.version) as Array<{ was: string; now: string; reasons: string; age: number }>;
    expect(changed.length).toBeGreaterThan(0);
    for (const row of changed) {
      expect(row.age === AGE_67_79 || row.age === EIGHTY_PLUS, JSON.stringify(row)).toBe(true);
      if (row.age === AGE_67_79) expect(row).toMatchObject({ was: 'utsatt', reasons: 'age' });
    }

    const csv = await exportCsv(admin);
    expect(csv.rows).toHaveLength(RESPONSES);
    expect(new Set(csv.rows.map((r) => r['rule_version']))).toEqual(new Set([RULE_80.version]));
    const audit = await admin.visit('/admin/audit?kind=data');
    const [entry] = audit.html.querySelectorAll('main table')[0]!.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.textContent.trim()));
    // The rule version only: a count of all responses at a timed moment would split response ids at that second.
    expect(entry?.slice(2, 5)).toEqual(['kari.admin', '', RULE_80.version]);
  });
});
