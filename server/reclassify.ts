// Reclassification (issue 13, point 7): every stored response classified again
// under a rule version, from its raw answers, which stay as they are. The
// classification under earlier versions stays too, for comparison. One
// transaction per batch; between batches the event loop is let go, so a
// server running it keeps answering.
import type { ClassificationStore } from '../db/classifications.ts';
import { classify, type SegmentRule } from './survey/classify.ts';
import { answersTextReader } from './survey/response-row.ts';
import { segmentReasons } from './survey/submission.ts';
import type { Instrument } from './survey/types.ts';

/** Responses per transaction: a batch takes tens of milliseconds, short enough for a waiting request. */
export const RECLASSIFY_BATCH = 2000;

export interface ReclassifyResult {
  readonly ruleVersion: string;
  readonly responses: number;
}

export async function reclassify(
  store: ClassificationStore,
  instrument: Instrument,
  rule: SegmentRule,
  options: {
    /** Also those already classified under this version (after a fix to the rule's code). */
    readonly all?: boolean;
    readonly batchSize?: number;
    /** Called after each batch with the number done so far. */
    readonly progress?: (done: number) => void;
    /** What to wait for between batches; the default lets pending I/O run first. */
    readonly pause?: () => Promise<void>;
    /** Waited for before each batch is written: in the server, the write lock without blocking (middleware/write-gate.ts). */
    readonly beforeWrite?: () => Promise<void>;
  } = {},
): Promise<ReclassifyResult> {
  const readAnswers = answersTextReader(instrument);
  const limit = options.batchSize ?? RECLASSIFY_BATCH;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  let afterId = 0;
  let done = 0;
  for (;;) {
    const batch = store.batch({ afterId, limit, ...(options.all ? {} : { onlyMissing: rule.version }) });
    if (batch.length === 0) break;
    await options.beforeWrite?.();
    store.write(
      rule.version,
      batch.map(([id, answers]) => {
        const classification = classify(readAnswers(answers), rule);
        return {
          responseId: id,
          segment: classification.segment,
          reasons: segmentReasons(classification),
          svartSarbar: classification.svartSarbar,
        };
      }),
    );
    done += batch.length;
    afterId = batch.at(-1)![0];
    options.progress?.(done);
    await pause();
  }
  return { ruleVersion: rule.version, responses: done };
}
