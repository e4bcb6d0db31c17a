/**
 * One build, four outputs: dist/excel/ (served to Excel), dist/gas/ (pushed to Apps Script as is),
 * dist/playground/ (the no-account playground of `npm start`) and dist/cli/ (the okr-grid command line).
 * Each surface keeps its own config next to its code.
 */
const path = require('path');

const parts = [
  'excel-addin/webpack.config.js',
  'gas/webpack.config.js',
  'playground/webpack.config.js',
  'xlsx/webpack.config.js',
];

// Every part must exist: a missing one is an error here, not a build that silently lacks a surface.
module.exports = (env = {}, argv = {}) =>
  parts.flatMap((p) => {
    const made = require(path.join(__dirname, p))(env, argv);
    return Array.isArray(made) ? made : [made];
  });
