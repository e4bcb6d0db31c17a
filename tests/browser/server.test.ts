/**
 * playground/server.js (what `npm start` runs) over a throw-away dist/ folder: routing between the playground and the
 * Excel add-in files, content types, and nothing served from outside dist/. Needs no browser.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { start } = require('../../playground/server.js');

let dist: string;
let server: http.Server;
let base: string;

function get(p: string, method = 'GET'): Promise<{ status: number; type: string; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + p.replace(/^\//, ''), { method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          body,
          location: res.headers.location,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'okr-dist-'));
  const put = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
    fs.writeFileSync(path.join(dist, rel), text);
  };
  put('playground/index.html', '<p>playground</p>');
  put('playground/playground.js', 'console.log(1)');
  put('excel/taskpane.html', '<p>taskpane</p>');
  put('excel/manifest.xml', '<OfficeApp/>');
  put('excel/assets/icon-32.png', 'PNG');
  fs.writeFileSync(path.join(dist, 'secret.txt'), 'outside');
  ({ server, url: base } = await start({ port: 0, host: '127.0.0.1', dist, secure: false }));
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  fs.rmSync(dist, { recursive: true, force: true });
});

test('the address it gives is http on the chosen host with a real port', () => {
  expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  expect(base).not.toMatch(/:0\/$/);
});

test('/ is the playground page, with its bundle as JavaScript', async () => {
  const home = await get('/');
  expect([home.status, home.type, home.body]).toEqual([200, 'text/html; charset=utf-8', '<p>playground</p>']);
  const js = await get('/playground.js');
  expect([js.status, js.type]).toEqual([200, 'text/javascript; charset=utf-8']);
});

test('the Excel add-in is served under /excel/ and at the root paths manifest.xml uses', async () => {
  expect((await get('/excel/taskpane.html')).body).toBe('<p>taskpane</p>');
  expect((await get('/excel/manifest.xml')).type).toBe('application/xml; charset=utf-8');
  expect((await get('/taskpane.html')).body).toBe('<p>taskpane</p>');
  const icon = await get('/assets/icon-32.png');
  expect([icon.status, icon.type]).toEqual([200, 'image/png']);
  const bare = await get('/excel');
  expect([bare.status, bare.location]).toEqual([302, '/excel/']);
});

test('nothing outside the two folders is reachable, and unknown paths are 404', async () => {
  expect((await get('/../secret.txt')).status).toBe(404);
  expect((await get('/..%2fsecret.txt')).status).toBe(404);
  expect((await get('/excel/..%2f..%2fsecret.txt')).status).toBe(404);
  expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
  expect((await get('/nope.js')).status).toBe(404);
});

test('only GET and HEAD', async () => {
  expect((await get('/', 'POST')).status).toBe(405);
  const head = await get('/', 'HEAD');
  expect([head.status, head.body]).toEqual([200, '']);
});
