#!/usr/bin/env node
/* okr-grid: the OKR Grid command line. Runs the bundle built by `npm run build` (dist/cli/okr-grid.js). */
'use strict';
const path = require('path');
const fs = require('fs');

const bundle = path.join(__dirname, '..', 'dist', 'cli', 'okr-grid.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    'okr-grid: the command line is not built yet. Run `npm run build` first.\n' +
      'okr-grid:命令行尚未构建。请先运行 `npm run build`。\n',
  );
  process.exit(2);
}
require(bundle).run();
