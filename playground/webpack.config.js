/**
 * dist/playground/: the `npm start` page. One entry (src/main.ts) bundling the panel, core, the Excel adapter and the
 * in-browser workbook; ExcelJS is split into its own chunk, loaded only when a user opens or downloads an .xlsx.
 * Not minified: it is a local developer page, and minifying ExcelJS's browser build costs a minute of CPU per build.
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');

module.exports = (_env = {}, argv = {}) => ({
  name: 'playground',
  mode: argv.mode || 'production',
  target: 'web',
  entry: { playground: path.resolve(__dirname, 'src/main.ts') },
  output: {
    path: path.resolve(__dirname, '../dist/playground'),
    filename: '[name].js',
    chunkFilename: '[name].chunk.js',
    clean: true,
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    // ExcelJS's browser build is already bundled; parsing it again only costs time.
    noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
    rules: [
      {
        test: /\.ts$/,
        loader: 'ts-loader',
        exclude: /node_modules/,
        options: {
          configFile: path.resolve(__dirname, 'tsconfig.json'),
          transpileOnly: true,
          onlyCompileBundledFiles: true,
        },
      },
    ],
  },
  plugins: [
    new HtmlWebpackPlugin({
      template: path.resolve(__dirname, 'src/index.html'),
      filename: 'index.html',
      chunks: ['playground'],
      inject: 'body',
      scriptLoading: 'defer',
    }),
  ],
  optimization: { minimize: false },
  performance: { hints: false },
  devtool: false,
  stats: 'errors-warnings',
});
