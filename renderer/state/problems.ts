/**
 * The problems the editor shows: the composition of the linter, the typography rules and a
 * context's extra lints lives in `shared/lint/problems.ts`, so the host counts the episode list's
 * problems with the same definition; re-exported here for the state layer.
 */
export * from '../../shared/lint/problems'
