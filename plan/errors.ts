/** A problem the user can fix, reported in one line with no stack trace. */
export class PlanInputError extends Error {}
