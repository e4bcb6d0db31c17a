/**
 * dist/gas/: what `clasp push --rootDir dist/gas` (or a paste into the Apps Script editor) needs, and nothing else:
 * - Code.js: gas/server/index.ts bundled; gas-webpack-plugin turns each `global.NAME = ...` into a top-level
 *   `function NAME` carrying the JSDoc above it (the @customfunction help Sheets shows). Not minified, so the
 *   comments survive.
 * - Sidebar.html: gas/sidebar/sidebar.ts (the shared panel) inlined into gas/sidebar/sidebar.html, one file with no
 *   external script or style (HtmlService serves a single file); its Content-Security-Policy names the script's hash.
 * - appsscript.json: copied from the repo root.
 * ts-loader only transpiles here (the server and the sidebar need different libs: gas/tsconfig.json has the Apps
 * Script types, gas/sidebar/tsconfig.json the DOM); `tsc -p` on each does the type checking.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const GasPlugin = require('gas-webpack-plugin');
const CopyPlugin = require('copy-webpack-plugin');

const root = path.resolve(__dirname, '..');

/** Replaces the sidebar chunk by Sidebar.html with the script inlined. */
class InlineSidebarPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('InlineSidebarPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'InlineSidebarPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE },
        (assets) => {
          const js = assets['sidebar.js'];
          if (!js) return;
          const template = fs.readFileSync(path.join(__dirname, 'sidebar', 'sidebar.html'), 'utf8');
          // '</script' inside the code would end the inline script early.
          const code = js
            .source()
            .toString()
            .replace(/<\/(script)/gi, '<\\/$1');
          // The Content-Security-Policy lets exactly this script run, by its hash.
          const hash = 'sha256-' + crypto.createHash('sha256').update(code, 'utf8').digest('base64');
          const html = template.replace('__SIDEBAR_SCRIPT_HASH__', hash).replace('/*__SIDEBAR_JS__*/', () => code);
          compilation.emitAsset('Sidebar.html', new sources.RawSource(html));
          compilation.deleteAsset('sidebar.js');
        },
      );
    });
  }
}

module.exports = (_env = {}, argv = {}) => ({
  name: 'gas',
  mode: argv.mode || 'production',
  context: root,
  entry: {
    Code: './gas/server/index.ts',
    sidebar: './gas/sidebar/sidebar.ts',
  },
  target: ['web', 'es2019'],
  devtool: false,
  output: {
    path: path.join(root, 'dist', 'gas'),
    filename: '[name].js',
    clean: true,
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: {
          loader: 'ts-loader',
          options: {
            configFile: path.join(__dirname, 'tsconfig.json'),
            transpileOnly: true,
            compilerOptions: { module: 'es2020', moduleResolution: 'node', removeComments: false },
          },
        },
      },
    ],
  },
  optimization: { minimize: false, concatenateModules: false },
  performance: { hints: false },
  plugins: [
    new GasPlugin({ comment: true, include: [path.join(__dirname, 'server', '**', '*')] }),
    new InlineSidebarPlugin(),
    new CopyPlugin({ patterns: [{ from: path.join(root, 'appsscript.json'), to: 'appsscript.json' }] }),
  ],
});
