// Small-cell suppression (issue 14, point 3). A count below the threshold is
// hidden (primary suppression), and further cells are hidden until no hidden
// count can be worked out by subtraction (complementary suppression).
//
// The method, as the README states it: every published relation "total =
// sum of parts" (a column's base and its answers; "alle" and the segments,
// modes or shared-device groups of an answer) is checked in turn. Where a
// relation has exactly one hidden cell, or its hidden parts add up to fewer
// than the threshold, the next cell is hidden: the smallest count, except that
// across the segments of a row the "ukjent" group goes first, then "alle",
// so that utsatt and øvrige, which the report is for, stay in view. A column whose base is hidden is hidden whole, since its shares would
// give its counts away. This repeats until nothing changes; it only ever
// hides more, so it ends. It is the hand method statistics offices use for
// small tables, checked one relation at a time: it does not solve every
// relation at once as linear programming would (τ-ARGUS), and says so.

/** A published relation between cells: `total` = the sum of `parts`. */
export interface Relation {
  readonly total: string;
  readonly parts: readonly string[];
  /** Which cell to hide first when the relation needs another hidden (lower first); else the smallest count. */
  readonly rank?: (cell: string) => number;
}

export interface SuppressionProblem {
  /** Every published count, by cell key. */
  readonly counts: ReadonlyMap<string, number>;
  /** Cells hidden from the start (primary suppression); the caller knows the rule for its kind of table. */
  readonly primary: Iterable<string>;
  readonly relations: readonly Relation[];
  /** A column's base and its cells: when the base is hidden, so is the column. */
  readonly columns: ReadonlyArray<{ readonly base: string; readonly cells: readonly string[] }>;
  /** Cells that are published elsewhere anyway (the round's response count): never chosen to hide. */
  readonly fixed?: ReadonlySet<string>;
}

/** A count is hidden when it is at least 1 and below the threshold: a zero tells nobody anything about a person. */
export const isSmall = (n: number, minCell: number): boolean => n > 0 && n < minCell;

/** The cells to hide. */
export function suppress(problem: SuppressionProblem, minCell: number): Set<string> {
  const hidden = new Set(problem.primary);
  const count = (cell: string): number => problem.counts.get(cell) ?? 0;
  const fixed = problem.fixed ?? new Set<string>();

  const hide = (cell: string): boolean => {
    if (hidden.has(cell)) return false;
    hidden.add(cell);
    return true;
  };

  /** Whether the relation lets someone work out one hidden count, or a sum of hidden counts below the threshold. */
  const exposed = (relation: Relation): boolean => {
    const cells = [relation.total, ...relation.parts];
    const hiddenCells = cells.filter((cell) => hidden.has(cell));
    if (hiddenCells.length === 0 || hiddenCells.length === cells.length) return false;
    if (hiddenCells.length === 1) return true;
    // With the total hidden too, subtraction gives a difference of hidden counts, never one of them.
    if (hidden.has(relation.total)) return false;
    return isSmall(relation.parts.filter((cell) => hidden.has(cell)).reduce((sum, cell) => sum + count(cell), 0), minCell);
  };

  let changed = true;
  while (changed) {
    changed = false;
    for (const column of problem.columns) {
      if (!hidden.has(column.base)) continue;
      for (const cell of column.cells) changed = hide(cell) || changed;
    }
    for (const relation of problem.relations) {
      if (!exposed(relation)) continue;
      const candidates = [relation.total, ...relation.parts].filter((cell) => !hidden.has(cell) && !fixed.has(cell) && count(cell) > 0);
      const rank = relation.rank ?? (() => 0);
      candidates.sort((a, b) => rank(a) - rank(b) || count(a) - count(b) || (a < b ? -1 : 1));
      if (candidates.length > 0) {
        changed = hide(candidates[0]!) || changed;
      } else {
        // Nothing left worth hiding but zeros and fixed cells: hide what may be hidden of the relation.
        for (const cell of [relation.total, ...relation.parts]) if (!fixed.has(cell)) changed = hide(cell) || changed;
      }
    }
  }
  return hidden;
}
