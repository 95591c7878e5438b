/** One line of the report's goal table. */
export interface GoalCheck {
  goal: string;
  measured: string;
  /** undefined: not measured in this run (a filter, a skipped peer, a failed cell). */
  met: boolean | undefined;
}
