/**
 * dist/excel/: the Office add-in (layout of Microsoft's Excel-Custom-Functions shared-runtime template).
 * One page, taskpane.html, is the shared runtime: it loads the functions, commands and taskpane bundles. The
 * metadata plugin writes functions.json from the JSDoc of functions/functions.ts. manifest.xml is copied with its
 * URLs pointed at the deployment address: `webpack --env url=https://example.com/okr/` (default https://localhost:3000/).
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

const DEV_URL = 'https://localhost:3000/';
const root = path.resolve(__dirname, '..');

/** The deployment address, always ending in '/'. */
function deployUrl(env) {
  const url = String((env && env.url) || DEV_URL);
  if (!/^https:\/\//.test(url)) throw new Error(`The add-in must be served over https (got ${url}).`);
  return url.endsWith('/') ? url : url + '/';
}

/** manifest.xml with every dev URL (https://localhost:3000/) replaced by the deployment address. */
function rewriteManifest(xml, url) {
  return String(xml).split(DEV_URL).join(url);
}

/**
 * The localhost certificate that `npx office-addin-dev-certs install` creates (read synchronously: the root config
 * is synchronous). Without it the server still starts, with a self-signed certificate Office will not trust.
 */
function devCerts() {
  const fs = require('fs');
  const os = require('os');
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const file = (n) => path.join(dir, n);
  if (!fs.existsSync(file('localhost.crt'))) {
    console.warn(
      '[excel] No dev certificate: run `npx office-addin-dev-certs install` once, then restart `npm run dev-server`.',
    );
    return {};
  }
  return {
    cert: fs.readFileSync(file('localhost.crt')),
    key: fs.readFileSync(file('localhost.key')),
    ca: fs.readFileSync(file('ca.crt')),
  };
}

/** The functions' metadata, the task pane page and the static files (the manifest pointed at `url`). */
function plugins(url) {
  return [
    new CustomFunctionsMetadataPlugin({
      output: 'functions.json',
      input: path.join(__dirname, 'functions/functions.ts'),
    }),
    new HtmlWebpackPlugin({
      template: path.join(__dirname, 'taskpane/taskpane.html'),
      filename: 'taskpane.html',
      chunks: ['functions', 'commands', 'taskpane'],
      chunksSortMode: 'manual',
      inject: 'head',
      scriptLoading: 'blocking',
    }),
    new CopyWebpackPlugin({
      patterns: [
        { from: path.join(root, 'assets'), to: 'assets', globOptions: { ignore: ['**/*.js'] } },
        {
          from: path.join(root, 'manifest.xml'),
          to: 'manifest.xml',
          transform: (content) => rewriteManifest(content, url),
        },
      ],
    }),
  ];
}

/** `npm run dev-server`: https on localhost:3000, the certificate office-addin-dev-certs installed. */
function devServer() {
  return {
    port: 3000,
    static: { directory: path.join(root, 'dist/excel') },
    headers: { 'Access-Control-Allow-Origin': '*' },
    // Office requires https; office-addin-dev-certs installs a trusted localhost certificate.
    server: { type: 'https', options: devCerts() },
  };
}

module.exports = (env = {}, argv = {}) => {
  const url = deployUrl(env);
  const dev = argv.mode === 'development';
  const serving = process.argv.includes('serve') || !!process.env.WEBPACK_SERVE;
  const config = {
    name: 'excel',
    mode: argv.mode || 'production',
    target: 'web',
    devtool: dev ? 'source-map' : false,
    entry: {
      functions: path.join(__dirname, 'functions/functions.ts'),
      commands: path.join(__dirname, 'commands/commands.ts'),
      taskpane: path.join(__dirname, 'taskpane/taskpane.ts'),
    },
    output: { path: path.join(root, 'dist/excel'), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          // Types are checked once, by `npm run typecheck` (npm test runs it before the build).
          options: {
            configFile: path.join(__dirname, 'tsconfig.json'),
            transpileOnly: true,
            onlyCompileBundledFiles: true,
          },
        },
      ],
    },
    // Function names must survive minification: the metadata plugin associates them by name.
    optimization: { minimize: !dev, minimizer: [`...`], concatenateModules: true },
    plugins: plugins(url),
    performance: { hints: false },
  };
  if (serving) config.devServer = devServer();
  return config;
};

module.exports.rewriteManifest = rewriteManifest;
module.exports.DEV_URL = DEV_URL;
