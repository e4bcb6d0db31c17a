#!/usr/bin/env node
/**
 * `npm start`: a plain static server, no dependencies. Serves the playground (dist/playground/) at / and the Excel
 * add-in build (dist/excel/) under /excel/ for sideloading; a path the playground does not have is also looked up in
 * dist/excel/, so manifest URLs written for the server root (https://localhost:3000/taskpane.html) resolve too.
 * PORT (default 3000; 0 = any free port) and HOST (default localhost) are read from the environment.
 * HTTPS=1 serves https with the localhost certificate of `npx office-addin-dev-certs install`, which is what Excel
 * needs to sideload manifest.xml (its URLs are https://localhost:3000/...).
 */
const http = require('http');
const https = require('https');
const os = require('os');
const fs = require('fs');
const path = require('path');

const DIST = path.resolve(__dirname, '..', 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The file under `root` that `urlPath` names, or null (never outside root). */
function resolveIn(root, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) {
      const index = path.join(file, 'index.html');
      return fs.existsSync(index) ? index : null;
    }
    return st.isFile() ? file : null;
  } catch {
    return null;
  }
}

function lookup(urlPath, dist) {
  const playground = path.join(dist, 'playground');
  const excel = path.join(dist, 'excel');
  if (urlPath === '/excel') return { redirect: '/excel/' };
  if (urlPath.startsWith('/excel/')) return { file: resolveIn(excel, urlPath.slice('/excel'.length)) };
  return { file: resolveIn(playground, urlPath) || (urlPath !== '/' ? resolveIn(excel, urlPath) : null) };
}

function handler(dist) {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    const urlPath = new URL(req.url, 'http://localhost').pathname;
    const found = lookup(urlPath, dist);
    if (found.redirect) {
      res.writeHead(302, { Location: found.redirect });
      return res.end();
    }
    if (!found.file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end(`Not found: ${urlPath}\n`);
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(found.file).toLowerCase()] || 'application/octet-stream',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(found.file).pipe(res);
  };
}

/** The certificate office-addin-dev-certs installs for localhost. */
function devCerts() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const crt = path.join(dir, 'localhost.crt');
  const key = path.join(dir, 'localhost.key');
  if (!fs.existsSync(crt) || !fs.existsSync(key)) {
    throw new Error('HTTPS=1 needs the localhost certificate: run `npx office-addin-dev-certs install` once.');
  }
  return { cert: fs.readFileSync(crt), key: fs.readFileSync(key) };
}

/** Starts the server; resolves with { server, url } once it listens. */
function start({
  port = Number(process.env.PORT ?? 3000),
  host = process.env.HOST || 'localhost',
  dist = DIST,
  secure = process.env.HTTPS === '1' || process.env.HTTPS === 'true',
} = {}) {
  return new Promise((resolve, reject) => {
    const server = secure ? https.createServer(devCerts(), handler(dist)) : http.createServer(handler(dist));
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolve({ server, url: `${secure ? 'https' : 'http'}://${host}:${addr.port}/` });
    });
  });
}

module.exports = { start };

if (require.main === module) {
  if (!fs.existsSync(path.join(DIST, 'playground', 'index.html'))) {
    console.error('dist/playground/ is missing: run `npm run build` first (or `npm start`, which builds).');
    process.exit(1);
  }
  start()
    .then(({ url }) => {
      console.log(`OKR Grid playground: ${url}`);
      if (fs.existsSync(path.join(DIST, 'excel'))) {
        console.log(
          `Excel add-in files: ${url}excel/ (also at the root paths manifest.xml uses, e.g. ${url}taskpane.html)`,
        );
        if (!url.startsWith('https'))
          console.log(
            'To sideload into Excel, serve https: HTTPS=1 npm start (after `npx office-addin-dev-certs install`).',
          );
      }
      console.log('Press Ctrl+C to stop.');
    })
    .catch((e) => {
      console.error(
        e && e.code === 'EADDRINUSE'
          ? `Port ${e.port} is in use: set PORT to another port (e.g. PORT=3001 npm start).`
          : e,
      );
      process.exit(1);
    });
}
