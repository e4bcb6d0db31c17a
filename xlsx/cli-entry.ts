/** Bundle entry for the command line (bin/okr-grid.js requires the built file and calls run). */
export { run, main } from './cli';
