// End-to-end test of Boltzmann Lab in headless Chromium.
//
// It builds and starts cmd/boltzweb on a free loopback port, checks what
// the server sends, then opens the page the way a person would: it waits
// for frames, switches to every scene by clicking its tab, runs each
// scene's main interaction (paint a unit, drag a slider, press Run) and
// checks that the picture answers. It also checks share links, touch,
// screenshots (S), window resizes, plot axes that stay put, saving and
// loading through the file picker, a quick click at a low frame rate and
// the messages for a browser without WebGL or WebAssembly. Any page
// error, Go panic or early exit fails it.
//
// It prints the sizes of the program, the time from navigation to the
// first frame and the frame rate of every scene next to a blank baseline,
// and writes a screenshot per scene to e2e/shots/.
//
// Controls are found by name: the program publishes the rectangle of every
// control of the scene on screen, and of every tab, under its stable ID
// (window.boltzlab.controls()), so this file holds no coordinates of its
// own and follows the layout wherever it reflows.

import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { decodePNG, changedPixels, distinctColours } from './png.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const shots = path.join(here, 'shots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const VIEW = { width: 1280, height: 800 };
const FPS_MS = Number(process.env.E2E_FPS_MS || 3000); // how long each frame-rate window lasts
const WINDOWS = Number(process.env.E2E_WINDOWS || 5); // paired scene/blank windows per scene; the median is reported
const SEED = 1;

// ---------------------------------------------------------------------------
// The main interaction of each scene, on controls named by their IDs. A
// scene missing here still gets the generic check: switch to it, press
// Space, and see the picture change over time. Add a scene here when it
// lands.
//
// Each step is one of
//   { click: P }         press and release the primary button at P
//   { quick: P }         the same with no pause at all between the two
//   { drag: [P, P] }     press, move in small steps, release
//   { key: 'Space' }     press a key
//   { quickKey: '.' }    press and release a key with no pause between
// where a point P is { id, at: [fx, fy] }: the fraction fx across and fy
// down the control's rectangle. Optional wait (ms) and frames say how long
// to let the scene run after, and watch names the control whose rectangle
// must change because of it ('page' for everything below the tabs), by at
// least min pixels when given (a step changes only a few readouts). The
// pointer rests on the start point before the "before" picture, so a
// hover highlight alone cannot pass a check.
const TABLE = {
  recall: [
    { what: 'paint a unit', click: { id: 'grid', at: [1 / 6, 1 / 6] }, watch: 'grid' },
    { what: 'a click whose press and release fall between two frames still paints', quick: { id: 'grid', at: [5 / 6, 5 / 6] }, watch: 'grid' },
    { what: 'a key pressed and released between two frames still steps (.)', quickKey: '.', watch: 'page', min: 200 },
    { what: 'run (Space): the state, readouts and energy plot move', key: 'Space', wait: 1000, frames: 20, watch: 'page' },
    { what: 'drag the temperature slider', drag: [{ id: 'temperature', at: [0.25, 0.7] }, { id: 'temperature', at: [0.85, 0.7] }], watch: 'temperature' },
  ],
  sigmoid: [
    { what: 'drag the temperature slider: the curve changes', drag: [{ id: 'temperature', at: [0.5, 0.7] }, { id: 'temperature', at: [0.12, 0.7] }], watch: 'page' },
    { what: 'press Run: the coin flips and its frequency plot draws', click: { id: 'run', at: [0.5, 0.5] }, wait: 1000, frames: 20, watch: 'page' },
  ],
  distribution: [
    { what: 'drag the temperature slider: the exact bars change', drag: [{ id: 'temperature', at: [0.5, 0.7] }, { id: 'temperature', at: [0.9, 0.7] }], watch: 'page' },
    { what: 'press Run: the sampler fills its histogram', click: { id: 'run', at: [0.5, 0.5] }, wait: 1000, frames: 20, watch: 'page' },
  ],
  capacity: [
    { what: 'drag the load slider: new patterns are stored and cued', drag: [{ id: 'load', at: [0.1, 0.7] }, { id: 'load', at: [0.4, 0.7] }], watch: 'grid' },
    { what: 'press Run: the cue is recalled sweep by sweep and the curves fill in', key: 'Space', wait: 1500, frames: 20, watch: 'page', min: 1000 },
  ],
  digits: [
    { what: 'train (Space): the mosaic, the curves and the readouts move', key: 'Space', wait: 1500, frames: 30, watch: 'page' },
    { what: 'erase the middle of the digit (X): the machine fills it in', key: 'x', wait: 1000, frames: 20, watch: 'page' },
  ],
};

// ---------------------------------------------------------------------------
// Bookkeeping.

let passed = 0;
const failures = [];
function check(ok, what, detail = '') {
  if (ok) {
    passed++;
    console.log(`  ok    ${what}${detail ? ` (${detail})` : ''}`);
  } else {
    failures.push(`${what}${detail ? `: ${detail}` : ''}`);
    console.log(`  FAIL  ${what}${detail ? ` (${detail})` : ''}`);
  }
  return ok;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

// ---------------------------------------------------------------------------
// Geometry, from the rectangles the program publishes.

async function controls(page) {
  return page.evaluate(() => window.boltzlab.controls());
}

// rectOf returns the rectangle of control id ('page' is the screen below
// the tab bar).
async function rectOf(page, id) {
  const c = await controls(page);
  if (id === 'page') {
    let top = 0;
    for (const [k, r] of Object.entries(c)) if (k.startsWith('tab-')) top = Math.max(top, r[1] + r[3]);
    const v = page.viewportSize();
    return { x: 0, y: top, w: v.width, h: v.height - top };
  }
  const r = c[id];
  if (!r) throw new Error(`no control ${id} on screen (has: ${Object.keys(c).join(', ')})`);
  return { x: r[0], y: r[1], w: r[2], h: r[3] };
}

// pointOf returns the screen position of a point { id, at: [fx, fy] }.
async function pointOf(page, p) {
  const r = await rectOf(page, p.id);
  return [r.x + r.w * p.at[0], r.y + r.h * p.at[1]];
}

// tabCentre returns the screen position of the named scene's tab.
async function tabCentre(page, name) {
  return pointOf(page, { id: `tab-${name}`, at: [0.5, 0.5] });
}

// ---------------------------------------------------------------------------
// The server.

async function startServer() {
  const bin = path.join(mkdtempSync(path.join(os.tmpdir(), 'boltzweb-e2e-')), 'boltzweb');
  execFileSync('go', ['build', '-o', bin, './cmd/boltzweb'], { cwd: root, stdio: 'inherit' });
  const proc = spawn(bin, ['-addr', '127.0.0.1:0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('boltzweb did not start serving within 10 minutes')), 600_000);
    proc.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
      const m = out.match(/serving (http:\/\/\S+?)\/? /);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`boltzweb exited with status ${code}`)));
  });
  return { proc, url, bin, log: () => out };
}

// rawGet sends a path exactly as written (fetch would tidy "..") and
// returns the status, headers and body length.
function rawGet(base, p, headers = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.get({ host: u.hostname, port: u.port, path: p, headers }, (res) => {
      let n = 0;
      res.on('data', (d) => { n += d.length; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, bytes: n }));
    });
    req.on('error', reject);
  });
}

async function checkServer(url) {
  console.log('server');
  const sizes = {};
  const index = await rawGet(url, '/');
  check(index.status === 200 && /text\/html/.test(index.headers['content-type']), 'GET / is the page', `${index.status} ${index.headers['content-type']}`);
  const csp = index.headers['content-security-policy'] || '';
  check(csp.includes("default-src 'none'") && csp.includes("frame-ancestors 'none'"), 'the page is sent with its Content-Security-Policy', csp);
  const gz = await rawGet(url, '/boltzlab.wasm', { 'Accept-Encoding': 'gzip, deflate, br' });
  check(gz.status === 200 && gz.headers['content-type'] === 'application/wasm', 'the program is served as application/wasm', gz.headers['content-type']);
  check(gz.headers['content-encoding'] === 'gzip', 'gzip-compressed when the browser accepts it', gz.headers['content-encoding'] || 'none');
  const plain = await rawGet(url, '/boltzlab.wasm');
  check(plain.status === 200 && !plain.headers['content-encoding'], 'sent as it is when gzip is not accepted');
  sizes.raw = plain.bytes;
  sizes.gzip = gz.bytes;
  const js = await rawGet(url, '/wasm_exec.js');
  check(js.status === 200 && /javascript/.test(js.headers['content-type']), 'wasm_exec.js is served');
  for (const p of ['/../go.mod', '/%2e%2e/go.mod', '/go.mod', '/cmd/boltzweb/main.go', '/..%2f..%2fetc%2fpasswd', '/assets/web/index.html']) {
    const r = await rawGet(url, p);
    check(r.status === 404, `nothing outside the site: ${p}`, String(r.status));
  }
  return sizes;
}

// ---------------------------------------------------------------------------
// Pages.

const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

// watchPage records page errors, Go panics and early exits; the test
// fails if any were seen.
const problems = [];
const firstFrames = []; // navigation to first frame of every page opened, in ms
function watchPage(page, label) {
  const logs = [];
  page.on('pageerror', (e) => problems.push(`${label}: page error: ${e.message}`));
  page.on('crash', () => problems.push(`${label}: the page crashed`));
  page.on('console', (m) => {
    const t = m.text();
    logs.push(t);
    if (t.includes('panic:') || t.includes('fatal error:')) problems.push(`${label}: Go panic in the console: ${t}`);
    if (t.includes('the program stopped with exit code')) problems.push(`${label}: ${t}`);
    // The server's Content-Security-Policy must let the whole lab run.
    if (t.includes('Content Security Policy')) problems.push(`${label}: blocked by the page's policy: ${t}`);
  });
  return logs;
}

// openLab opens the page in a fresh browser context (so nothing is
// cached) and waits for its first frame.
async function openLab(browser, url, hash, label, contextOptions = {}) {
  const context = await browser.newContext({ viewport: VIEW, deviceScaleFactor: 1, acceptDownloads: true, ...contextOptions });
  const page = await context.newPage();
  const logs = watchPage(page, label);
  await page.goto(url + '/' + hash);
  await page.waitForFunction(() => window.boltzlab && window.boltzlab.frames > 2, null, { timeout: 180_000 });
  const firstFrame = await page.evaluate(() => window.boltzlab.firstFrame);
  firstFrames.push(firstFrame);
  return { context, page, logs, firstFrame };
}

async function waitFrames(page, n) {
  const f0 = await page.evaluate(() => window.boltzlab.frames);
  await page.waitForFunction((f) => window.boltzlab.frames >= f, f0 + n, { timeout: 60_000 });
}

async function shot(page) {
  return decodePNG(await page.screenshot({ type: 'png' }));
}

// measureFPS counts, over ms milliseconds, the frames the program drew
// and the browser's animation frames, and reads Ebitengine's own figure.
async function measureFPS(page, ms = FPS_MS) {
  return page.evaluate(async (ms) => {
    const b = window.boltzlab;
    let raf = 0;
    let on = true;
    const tick = () => { raf++; if (on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const f0 = b.frames;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, ms));
    on = false;
    const dt = (performance.now() - t0) / 1000;
    return { drawn: (b.frames - f0) / dt, raf: raf / dt, ebiten: b.fps, tps: b.tps };
  }, ms);
}

// Input is held down across at least two drawn frames: at the low frame
// rates of software WebGL a press shorter than a frame can fall between
// two ticks and never be seen (a plain 100 ms press is the floor).
async function holdFrames(page) {
  await sleep(100);
  await waitFrames(page, 2);
}

// park rests the pointer in the screen's corner, off the controls, and
// lets a few frames draw, so no hover highlight is in a picture.
async function park(page) {
  await page.mouse.move(VIEW.width - 4, VIEW.height - 4);
  await waitFrames(page, 6);
}

async function click(page, [x, y]) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await holdFrames(page);
  await page.mouse.up();
  await waitFrames(page, 2);
}

async function drag(page, [x0, y0], [x1, y1]) {
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await holdFrames(page);
  const steps = 8;
  for (let k = 1; k <= steps; k++) {
    await page.mouse.move(x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps);
    await waitFrames(page, 1);
  }
  await holdFrames(page);
  await page.mouse.up();
  await waitFrames(page, 2);
}

async function pressKey(page, key) {
  await page.keyboard.down(key);
  await holdFrames(page);
  await page.keyboard.up(key);
  await waitFrames(page, 2);
}

// responds checks that a region changed between two pictures: at least
// min pixels, or by default 0.5% of its pixels and at least 20 of them.
function responds(before, after, region, what, min) {
  const { changed, total } = changedPixels(before, after, region);
  return check(changed >= (min || Math.max(20, total * 0.005)), what, `${changed} of ${total} pixels changed`);
}

// ---------------------------------------------------------------------------
// The scenes.

async function runStep(page, name, step) {
  const startP = step.click || step.quick || (step.drag && step.drag[0]);
  const start = startP ? await pointOf(page, startP) : [VIEW.width / 2, VIEW.height - 10];
  await page.mouse.move(...start);
  await waitFrames(page, 4);
  const before = await shot(page);
  if (step.click) await click(page, start);
  if (step.quick) {
    await page.mouse.down();
    await page.mouse.up();
  }
  if (step.drag) await drag(page, start, await pointOf(page, step.drag[1]));
  if (step.key) await pressKey(page, step.key);
  if (step.quickKey) await page.keyboard.press(step.quickKey);
  if (step.wait) await sleep(step.wait);
  await waitFrames(page, step.frames || 4);
  const after = await shot(page);
  responds(before, after, await rectOf(page, step.watch), `${name}: ${step.what}`, step.min);
}

async function visitScenes(page, names) {
  const perScene = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    console.log(`scene ${i + 1}: ${name}`);
    const centre = await tabCentre(page, name);
    await page.mouse.move(...centre);
    await waitFrames(page, 3);
    const before = await shot(page);
    await click(page, centre);
    try {
      await page.waitForFunction((n) => window.boltzlab.scene === n, name, { timeout: 10_000 });
    } catch {
      // reported below
    }
    const active = await page.evaluate(() => window.boltzlab.scene);
    check(active === name, `${name}: its tab switches to it`, `on screen: ${active}`);
    await waitFrames(page, 5);
    const after = await shot(page);
    responds(before, after, await rectOf(page, 'page'), `${name}: the canvas shows the new scene`);
    check(distinctColours(after) > 50, `${name}: the frame is a real picture`, `${distinctColours(after)} colours`);
    const hash = await page.evaluate(() => location.hash);
    check(hash === `#scene=${name}&seed=${SEED}`, `${name}: the address follows`, hash);

    const steps = TABLE[name] || [{ what: 'generic: press Space and the picture changes over time', key: 'Space', wait: 1000, frames: 20, watch: 'page' }];
    if (!TABLE[name]) console.log(`  (no entry in TABLE for ${name}: the generic check runs)`);
    for (const step of steps) await runStep(page, name, step);

    await page.mouse.move(VIEW.width - 4, VIEW.height - 4); // rest the pointer off the controls
    await page.screenshot({ path: path.join(shots, `${name}.png`) });
    perScene[name] = await measureScene(page);
    const m = perScene[name];
    console.log(`  fps   median of ${m.windows.length} windows: scene ${m.drawn.toFixed(1)}, blank ${m.blank.toFixed(1)}, ratio ${(100 * m.ratio).toFixed(0)}%; Go ms per frame p50 ${m.p50.toFixed(2)}, p95 ${m.p95.toFixed(2)}`);
  }
  return perScene;
}

// measureScene puts the scene in its busiest state (as -bench-frames does
// on the desktop) and measures WINDOWS pairs of windows, the scene's then
// the blank game's just after, since a single window swings widely on a
// loaded machine. It reports the medians: frame rates, the ratio of each
// pair, and the Go time per frame the program measured in the scene's
// windows.
async function measureScene(page) {
  await page.evaluate(() => window.boltzlab.busiest());
  await waitFrames(page, 10);
  const windows = [];
  for (let w = 0; w < WINDOWS; w++) {
    await page.evaluate(() => window.boltzlab.frameTimes());
    const fps = await measureFPS(page);
    const go = await page.evaluate(() => window.boltzlab.frameTimes());
    const blank = await blankFPS(page);
    windows.push({ ...fps, blank: blank.drawn, blankRaf: blank.raf, ratio: fps.drawn / blank.drawn, go });
  }
  const med = (f) => median(windows.map(f));
  return {
    windows, drawn: med((w) => w.drawn), blank: med((w) => w.blank), ratio: med((w) => w.ratio),
    raf: med((w) => w.raf), blankRaf: med((w) => w.blankRaf), ebiten: med((w) => w.ebiten), tps: med((w) => w.tps),
    p50: med((w) => w.go.p50), p95: med((w) => w.go.p95), p99: med((w) => w.go.p99),
  };
}


// blankFPS swaps the blank measuring game in (through the hash, in the same
// page, so the scene keeps its state), measures it, and swaps the scene
// back: the baseline is taken right next to each scene, under the same
// conditions.
async function blankFPS(page) {
  const back = await page.evaluate(() => location.hash);
  await page.evaluate(() => { location.hash = '#bench=blank'; });
  await page.waitForFunction(() => window.boltzlab.blank === true, null, { timeout: 60_000 });
  await waitFrames(page, 10);
  const fps = await measureFPS(page);
  await page.evaluate((h) => { location.hash = h; }, back);
  await page.waitForFunction(() => window.boltzlab.blank === false, null, { timeout: 60_000 });
  await waitFrames(page, 5);
  return fps;
}

// ---------------------------------------------------------------------------
// The rest of the browser behaviour.

async function checkScreenshotKey(page) {
  console.log('S saves a screenshot');
  await page.evaluate(() => document.querySelector('canvas').focus());
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), pressKey(page, 's')]);
  const file = path.join(shots, 'download.png');
  await download.saveAs(file);
  const img = decodePNG(readFileSync(file));
  check(/^boltzlab-.*\.png$/.test(download.suggestedFilename()), 'S downloads a PNG', download.suggestedFilename());
  check(img.width === VIEW.width && img.height === VIEW.height && distinctColours(img) > 50, 'the download is the canvas', `${img.width}×${img.height}, ${distinctColours(img)} colours`);
}

async function checkResize(page) {
  console.log('resize');
  for (const size of [{ width: 900, height: 700 }, { width: 1440, height: 720 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(size);
    await page.waitForFunction(({ width, height }) => {
      const c = document.querySelector('canvas');
      return c && c.width === width && c.height === height;
    }, size, { timeout: 10_000 }).catch(() => {});
    await waitFrames(page, 5);
    const got = await page.evaluate(() => {
      const c = document.querySelector('canvas');
      const r = c.getBoundingClientRect();
      return { w: c.width, h: c.height, cssW: r.width, cssH: r.height };
    });
    check(got.w === size.width && got.h === size.height && got.cssW === size.width && got.cssH === size.height,
      `the canvas fills a ${size.width}×${size.height} window`, `canvas ${got.w}×${got.h}, shown ${got.cssW}×${got.cssH}`);
    const img = await shot(page);
    check(distinctColours(img) > 50, `a real picture at ${size.width}×${size.height}`);
    await page.screenshot({ path: path.join(shots, `resized-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(VIEW);
  await waitFrames(page, 5);
}

async function checkLinks(browser, url, names) {
  console.log('share links');
  const target = names[names.length - 1];
  const lab = await openLab(browser, url, `#seed=42&scene=${target}`, 'link');
  const got = await lab.page.evaluate(() => ({ scene: window.boltzlab.scene, seed: window.boltzlab.seed, hash: location.hash }));
  check(got.scene === target && got.seed === '42', 'a link opens its scene and seed', JSON.stringify(got));
  check(got.hash === `#scene=${target}&seed=42`, 'the address is tidied to the canonical link', got.hash);
  // A hash typed while the page is open is followed too.
  await lab.page.evaluate((n) => { location.hash = `#scene=${n}&seed=7`; }, names[0]);
  await lab.page.waitForFunction((n) => window.boltzlab.scene === n && window.boltzlab.seed === '7', names[0], { timeout: 10_000 }).catch(() => {});
  const now = await lab.page.evaluate(() => ({ scene: window.boltzlab.scene, seed: window.boltzlab.seed }));
  check(now.scene === names[0] && now.seed === '7', 'a hash changed in place switches scene and seed', JSON.stringify(now));
  await lab.context.close();

  const blank = await openLab(browser, url, '#bench=blank', 'blank');
  check(await blank.page.evaluate(() => window.boltzlab.blank === true), 'the blank measuring game opens from its hash');
  await blank.page.screenshot({ path: path.join(shots, 'blank-game.png') });
  await blank.context.close();

  const bad = await openLab(browser, url, '#scene=nope&seed=abc&colour=red', 'malformed link');
  await waitFrames(bad.page, 20);
  const state = await bad.page.evaluate(() => ({ scene: window.boltzlab.scene, seed: window.boltzlab.seed, hash: location.hash }));
  check(state.scene === names[0] && state.seed === String(SEED), 'a malformed link falls back to the defaults', JSON.stringify(state));
  const notices = bad.logs.filter((t) => t.startsWith('boltzlab: link:'));
  check(notices.length === 3, 'each bad part is reported', notices.join(' | '));
  await bad.page.screenshot({ path: path.join(shots, 'malformed-link.png') });
  await waitFrames(bad.page, 10);
  check(await bad.page.evaluate(() => window.boltzlab.frames > 20), 'and the lab keeps running');
  await bad.context.close();
}

// checkShare changes a scene, takes the link the address then holds, and
// opens it in a fresh browser: the picture must be the same. A reload
// keeps it too, and bad codes are refused with a notice.
async function checkShare(browser, url) {
  console.log('share codes');
  const a = await openLab(browser, url, '#scene=sigmoid&seed=3', 'share: original');
  const p = a.page;
  await p.evaluate(() => document.querySelector('canvas').focus());
  await pressKey(p, 'Minus'); // widen the ΔE axis
  await drag(p, await pointOf(p, { id: 'temperature', at: [0.5, 0.7] }), await pointOf(p, { id: 'temperature', at: [0.3, 0.7] }));
  // (Settings only: plot histories start afresh in a reopened scene, so
  // a scene that has run differs in its plots; the unit tests check that
  // the simulation's state itself comes back exactly.) Esc clears the
  // keyboard focus, whose ring a reopened page does not have.
  await pressKey(p, 'Escape');
  // The address follows within about a second.
  await p.waitForTimeout(1500);
  const hash = await p.evaluate(() => location.hash);
  check(/^#scene=sigmoid&seed=3&code=1\.sigmoid\.[A-Za-z0-9_-]+$/.test(hash), 'the address carries a share code once the scene changed', hash.slice(0, 60));
  await park(p);
  const before = await shot(p);
  await p.screenshot({ path: path.join(shots, 'share-original.png') });

  const b = await openLab(browser, url, hash, 'share: opened');
  await park(b.page);
  const opened = await shot(b.page);
  await b.page.screenshot({ path: path.join(shots, 'share-opened.png') });
  const d = changedPixels(before, opened);
  check(d.changed <= 20, 'the link opens the same picture', `${d.changed} of ${d.total} pixels differ`);
  check(await b.page.evaluate(() => location.hash) === hash, 'and the same address');

  await b.page.reload();
  await b.page.waitForFunction(() => window.boltzlab && window.boltzlab.frames > 2, null, { timeout: 180_000 });
  await park(b.page);
  const reloaded = await shot(b.page);
  const r = changedPixels(before, reloaded);
  check(r.changed <= 20, 'a reload brings the same state back', `${r.changed} of ${r.total} pixels differ`);
  await b.context.close();

  // The browser keeps the last state: the same scene opened again without
  // a code (in the same browser) comes back as it was left, until Start
  // fresh forgets it.
  const k = await openLab(browser, url, '#scene=sigmoid&seed=1', 'kept state');
  await k.page.evaluate(() => document.querySelector('canvas').focus());
  await pressKey(k.page, 'Minus');
  await pressKey(k.page, 'Minus');
  await k.page.waitForTimeout(1500);
  await park(k.page);
  const left = await shot(k.page);
  const kept = await k.page.evaluate(() => localStorage.getItem('boltzlab:sigmoid'));
  check(typeof kept === 'string' && kept.startsWith('1.sigmoid.'), 'the browser keeps the scene\'s last state', String(kept).slice(0, 40));
  await k.page.close();
  // On a loaded machine the checks below can take longer than the 20 s
  // the Start fresh button stays, so this page keeps it for ten minutes.
  await k.context.addInitScript(() => { window.boltzlabFreshMs = 600_000; });
  const k2 = await k.context.newPage();
  watchPage(k2, 'kept state, again');
  await k2.goto(url + '/#scene=sigmoid&seed=1');
  await k2.waitForFunction(() => window.boltzlab && window.boltzlab.frames > 2, null, { timeout: 180_000 });
  await k2.waitForTimeout(4000); // the notice that says so fades
  await park(k2);
  const fresh = await k2.$('#fresh');
  check(fresh !== null, 'a Start fresh button is offered');
  // The Start fresh button and the notice that says what came back lie
  // over the canvas's bottom (a notice lasts 180 ticks, long at a low
  // frame rate): compare above them. The button goes after 20 s, so the
  // pictures are taken first and compared after it is clicked.
  const top = Math.min(VIEW.height - 110, fresh ? Math.floor((await fresh.boundingBox()).y) : VIEW.height);
  const again = await k2.screenshot({ path: path.join(shots, 'kept-state.png') });
  if (fresh) {
    await Promise.all([k2.waitForNavigation({ timeout: 60_000 }).catch(() => {}), fresh.click()]);
  }
  const kd = changedPixels(left, decodePNG(again), { x: 0, y: 0, w: VIEW.width, h: top });
  check(kd.changed <= 20, 'opening the scene again brings its kept state back', `${kd.changed} of ${kd.total} pixels differ`);
  if (fresh) {
    await k2.waitForFunction(() => window.boltzlab && window.boltzlab.frames > 2, null, { timeout: 180_000 }).catch(() => {});
    const gone = await k2.evaluate(() => Object.keys(localStorage).filter((x) => x.startsWith('boltzlab:')).length);
    check(gone === 0, 'Start fresh forgets the kept states', `${gone} left`);
  }
  await k.context.close();

  // Codes cut short, of a newer format or made up are refused, with a
  // notice, and the lab opens as it would without them.
  const code = hash.slice(hash.indexOf('code=') + 5);
  for (const [bad, what] of [[code.slice(0, code.length - 6), 'cut short'], ['2' + code.slice(1), 'of a newer format'], ['1.sigmoid.AAAAAAAA', 'made up']]) {
    const c = await openLab(browser, url, '#code=' + bad, `share: ${what}`);
    await waitFrames(c.page, 5);
    const st = await c.page.evaluate(() => ({ scene: window.boltzlab.scene, code: window.boltzlab.code }));
    const said = c.logs.filter((t) => t.startsWith('boltzlab: link: the code was not opened'));
    check(st.scene === 'recall' && !st.code && said.length === 1, `a code ${what} is refused with a notice`, `${JSON.stringify(st)} ${said.join(' | ').slice(0, 160)}`);
    await c.context.close();
  }
  await a.context.close();
}

// checkTeacher opens a teacher's link: only the scenes named, and the
// controls named neither listed nor drawn.
async function checkTeacher(browser, url) {
  console.log('teacher mode');
  const t = await openLab(browser, url, '#teacher=recall,sigmoid:forget,store,nonsense', 'teacher mode');
  await waitFrames(t.page, 5);
  const got = await t.page.evaluate(() => ({ scenes: window.boltzlab.scenes, ids: Object.keys(window.boltzlab.controls()), hash: location.hash }));
  check(JSON.stringify(got.scenes) === '["recall","sigmoid"]', 'teacher mode keeps only the scenes named', JSON.stringify(got.scenes));
  check(!got.ids.includes('forget') && !got.ids.includes('store') && got.ids.includes('corrupt') && !got.ids.includes('tab-annealing'),
    'and hides the controls named', got.ids.join(' '));
  check(got.hash.includes('&teacher=recall,sigmoid:forget,store,nonsense'), 'the address keeps teacher mode', got.hash);
  const said = t.logs.filter((x) => x.includes('no control') && x.includes('nonsense'));
  check(said.length === 1, 'an unknown control is skipped with a notice', said.join(' | '));
  await t.page.screenshot({ path: path.join(shots, 'teacher-mode.png') });
  await t.context.close();
}

// touch sends real touch events through the DevTools protocol: a press,
// a pause long enough for a frame to see it, optional moves, a release.
async function touch(page, cdp, points) {
  const [x0, y0] = points[0];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y: y0 }] });
  await holdFrames(page);
  for (const [x, y] of points.slice(1)) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
    await waitFrames(page, 1);
  }
  await holdFrames(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await waitFrames(page, 2);
}

async function checkTouch(browser, url, names) {
  console.log('touch');
  const lab = await openLab(browser, url, '#scene=recall&seed=1', 'touch', { hasTouch: true });
  const { page } = lab;
  const cdp = await lab.context.newCDPSession(page);
  if (names.length > 1) {
    await touch(page, cdp, [await tabCentre(page, names[1])]);
    await page.waitForFunction((n) => window.boltzlab.scene === n, names[1], { timeout: 10_000 }).catch(() => {});
    check(await page.evaluate(() => window.boltzlab.scene) === names[1], 'a tap on a tab switches scene');
    await touch(page, cdp, [await tabCentre(page, names[0])]);
    await page.waitForFunction(() => window.boltzlab.scene === 'recall', null, { timeout: 10_000 }).catch(() => {});
  }
  check(await page.evaluate(() => window.boltzlab.scene) === 'recall', 'back on Recall by touch');
  await waitFrames(page, 5);
  const grid = await rectOf(page, 'grid');
  const cell = { x: grid.x + grid.w / 3, y: grid.y + grid.h / 3, w: grid.w / 3, h: grid.h / 3 };
  let before = await shot(page);
  await touch(page, cdp, [[cell.x + cell.w / 2, cell.y + cell.h / 2]]);
  await waitFrames(page, 5);
  let after = await shot(page);
  responds(before, after, cell, 'a tap paints a unit');
  // A finger dragged across the top row paints it.
  before = after;
  const row = [];
  for (let k = 0; k <= 10; k++) row.push([grid.x + grid.w / 6 + (grid.w * 2 / 3) * k / 10, grid.y + grid.h / 6]);
  await touch(page, cdp, row);
  await waitFrames(page, 5);
  after = await shot(page);
  responds(before, after, { ...grid, h: grid.h / 3 }, 'a finger drag paints units');
  before = after;
  const t = await rectOf(page, 'temperature');
  const ty = t.y + t.h * 0.7;
  await touch(page, cdp, [[t.x + t.w * 0.2, ty], [t.x + t.w * 0.5, ty], [t.x + t.w * 0.9, ty]]);
  await waitFrames(page, 5);
  after = await shot(page);
  responds(before, after, t, 'a finger drags a slider');
  // A tap whose touch starts and ends between two frames still counts.
  before = await shot(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: cell.x + cell.w / 2, y: cell.y - cell.h / 2 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await waitFrames(page, 5);
  after = await shot(page);
  responds(before, after, { ...cell, y: cell.y - cell.h }, 'an instant tap paints a unit');
  await page.screenshot({ path: path.join(shots, 'touch.png') });
  await lab.context.close();
}

// checkLoading holds the program back for a moment, so the loading state
// can be seen for certain, then lets it through and sees the state go.
async function checkLoading(browser, url) {
  console.log('loading state');
  const context = await browser.newContext({ viewport: VIEW });
  const page = await context.newPage();
  watchPage(page, 'loading');
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/boltzlab.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(url + '/');
  const status = page.locator('#status');
  await page.waitForFunction(() => /Loading/.test(document.getElementById('status-text').textContent), null, { timeout: 10_000 }).catch(() => {});
  const text = (await page.locator('#status-text').textContent()).trim();
  check(await status.isVisible() && /Loading/.test(text), 'the page shows a loading state', text);
  await page.screenshot({ path: path.join(shots, 'loading.png') });
  release();
  await page.waitForFunction(() => window.boltzlab && window.boltzlab.frames > 2, null, { timeout: 180_000 });
  check(!(await status.isVisible()), 'the loading state goes once the lab draws');
  await context.close();
}

async function checkMissing(browser, url) {
  console.log('a browser without WebGL or WebAssembly');
  const cases = [
    { label: 'no WebGL', want: 'WebGL is not available', file: 'no-webgl.png', script: () => {
      const orig = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        return /webgl/.test(type) ? null : orig.call(this, type, ...rest);
      };
    } },
    { label: 'no WebAssembly', want: 'WebAssembly is not available', file: 'no-wasm.png', script: () => { delete globalThis.WebAssembly; } },
  ];
  for (const c of cases) {
    const context = await browser.newContext({ viewport: VIEW });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(c.script);
    await page.goto(url + '/');
    const shown = await page.locator('#status').textContent({ timeout: 10_000 });
    const visible = await page.locator('#status').isVisible();
    check(visible && shown.includes(c.want), `${c.label}: the page says so`, shown.trim().replace(/\s+/g, ' ').slice(0, 80));
    check(errors.length === 0, `${c.label}: without a page error`, errors.join('; '));
    await page.screenshot({ path: path.join(shots, c.file) });
    await context.close();
  }
}

// ---------------------------------------------------------------------------
// Fixed axes, loading through the file picker, and a click at a low frame
// rate.

// dpOf returns the size of one dp in CSS pixels. The program does not
// publish its scale, but the Run button fills a row ButtonH = 40 dp tall.
async function dpOf(page) {
  return (await rectOf(page, 'run')).h / 40;
}

// panelEnd returns the first y below y0 at which the picture, at x, no
// longer has the colour it has at y0: at a panel's inner margin, where
// nothing is drawn, that is where the panel ends.
function panelEnd(img, x, y0) {
  const at = (y) => img.data.readUInt32BE(4 * (Math.round(y) * img.width + Math.round(x)));
  const inside = at(y0);
  let y = Math.round(y0);
  while (y < img.height && at(y) === inside) y++;
  return y;
}

// inked counts the pixels of a region whose colour is not that of its
// top-left corner (the background there), by more than 24 in a channel.
function inked(img, r) {
  const x0 = Math.round(r.x), y0 = Math.round(r.y);
  const bg = 4 * (y0 * img.width + x0);
  let n = 0;
  for (let y = y0; y < Math.min(img.height, Math.round(r.y + r.h)); y++) {
    for (let x = x0; x < Math.min(img.width, Math.round(r.x + r.w)); x++) {
      const i = 4 * (y * img.width + x);
      if (Math.abs(img.data[i] - img.data[bg]) > 24 || Math.abs(img.data[i + 1] - img.data[bg + 1]) > 24 || Math.abs(img.data[i + 2] - img.data[bg + 2]) > 24) n++;
    }
  }
  return n;
}

// same checks that a region of two pictures differs by at most most
// pixels. When it must hold labels (ink), it checks that it does, so a
// region that missed them cannot pass by being empty.
function same(before, after, region, what, { most = 5, ink = 0 } = {}) {
  const { changed, total } = changedPixels(before, after, region);
  const drawn = inked(before, region);
  return check(changed <= most && drawn >= ink, what, `${changed} of ${total} pixels changed${ink ? `, ${drawn} drawn` : ''}`);
}

// checkFixedAxes changes what a plot shows and checks that its axis does
// not move: Sigmoid's ΔE axis keeps its span while ΔE and T change (only
// the zoom controls move it), and Distribution's probability axis runs
// from 0 to 1 whatever the temperature. An axis that followed the data
// would make the curve's change of shape hard to see.
async function checkFixedAxes(browser, url) {
  console.log('fixed axes');
  const s = await openLab(browser, url, '#scene=sigmoid&seed=1', 'fixed axes: sigmoid');
  let p = s.page;
  // The curve's region is its whole leaf; the labels of the ΔE ticks are a
  // line of Small text (12 dp × 1.45) that starts 2 dp below the plotting
  // area, which ends two such lines and 4 dp above the leaf's bottom
  // (sigmoid.place and drawCurve). The strip starts 2 dp further down,
  // clear of the curve's 3 dp stroke along p = 0.
  const curve = await rectOf(p, 'curve');
  let dp = await dpOf(p);
  const lh = 12 * 1.45 * dp;
  const ticks = { x: curve.x, y: curve.y + curve.h - 2 * lh, w: curve.w, h: lh - 2 * dp };
  await park(p);
  let before = await shot(p);
  // ΔE from +2 to about +5 and T from 1 to about 10 (a log scale): p(on)
  // stays near the middle, so the handle on the curve never reaches the
  // labels below the plot.
  await drag(p, await pointOf(p, { id: 'gap', at: [0.5, 0.7] }), await pointOf(p, { id: 'gap', at: [0.53, 0.7] }));
  await drag(p, await pointOf(p, { id: 'temperature', at: [0.5, 0.7] }), await pointOf(p, { id: 'temperature', at: [0.75, 0.7] }));
  await park(p);
  let after = await shot(p);
  responds(before, after, curve, 'sigmoid: dragging ΔE and T changes the curve');
  same(before, after, ticks, 'sigmoid: the ΔE axis\'s tick labels stay put', { ink: 100 });
  await p.screenshot({ path: path.join(shots, 'fixed-axes-sigmoid.png') });
  await s.context.close();

  const d = await openLab(browser, url, '#scene=distribution&seed=1', 'fixed axes: distribution');
  p = d.page;
  dp = await dpOf(p);
  // Distribution publishes no region for its bars, so the strip is found
  // from the temperature slider above them: the bars' leaf starts below
  // it at the same left edge, and its first 28 dp hold the right-aligned
  // labels of p (about 23 dp for "0.75", then a 6 dp gap) and never a bar
  // (the first starts 0.14 of a bar's width into the plotting area). The
  // strip ends where the panel does, found in the picture at its inner
  // margin; below it the KL plot has an axis of its own.
  const temp = await rectOf(p, 'temperature');
  const log = await rectOf(p, 'log');
  // The track is inset in the slider's rectangle, so its edges are the
  // ends of the scale; the drag to the hot end starts just inside the
  // cold one, on the thumb.
  const at = (fx) => pointOf(p, { id: 'temperature', at: [fx, 0.7] });
  await drag(p, await at(0.5), await at(0)); // the coldest end: nearly all of p on the ground states
  await park(p);
  before = await shot(p);
  const top = temp.y + temp.h;
  const bottom = panelEnd(before, temp.x - 4 * dp, top);
  const labels = { x: temp.x, y: top, w: 28 * dp, h: bottom - top };
  const bars = { x: temp.x + 28 * dp, y: top, w: log.x + log.w - temp.x - 28 * dp, h: bottom - top };
  await drag(p, await at(0.02), await at(1)); // to the hottest: nearly uniform
  await park(p);
  after = await shot(p);
  responds(before, after, bars, 'distribution: the temperature from one end to the other changes the bars');
  same(before, after, labels, 'distribution: the probability axis\'s tick labels stay put', { ink: 100 });
  await p.screenshot({ path: path.join(shots, 'fixed-axes-distribution.png') });
  await d.context.close();
}

// checkFileLoad saves the RBM lab through its Save button, changes the
// machine, and loads the download back through Load and the browser's
// file picker: the machine must come back, with a notice. A file that is
// not a saved scene must be refused with a notice and change nothing.
async function checkFileLoad(browser, url) {
  console.log('RBM lab: Save, then Load through the file picker');
  const lab = await openLab(browser, url, '#scene=rbm&seed=1', 'file picker');
  const p = lab.page;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'boltzlab-e2e-files-'));
  try {
    const dp = await dpOf(p);
    const run = await pointOf(p, { id: 'run', at: [0.5, 0.5] });
    // The machine is the receptive fields and the Reconstruct panel, which
    // sit side by side below the training curves, to the right of the
    // settings; their top is that of the Reconstruct grid. The curves and
    // the left column are left out: a loaded scene's curves start afresh,
    // and the buttons pressed there keep the focus.
    const rate = await rectOf(p, 'rate');
    const grid = await rectOf(p, 'grid');
    const noisy = await rectOf(p, 'noisy-t');
    const left = rate.x + rate.w + 1;
    const machine = { x: left, y: grid.y, w: VIEW.width - left, h: noisy.y + noisy.h - grid.y };
    // A notice lies at the bottom of the screen, centred, for three
    // seconds; the middle of its band is clear of the left column, where
    // the focus on the buttons comes and goes.
    const bottom = { x: VIEW.width / 2 - 100 * dp, y: VIEW.height - 90 * dp, w: 200 * dp, h: 90 * dp };
    const quiet = async () => { await sleep(3600); await park(p); };

    // Train a little, so the machine saved is not the one Reset makes.
    await click(p, run);
    await sleep(1500);
    await click(p, run);
    const [download] = await Promise.all([
      p.waitForEvent('download', { timeout: 20_000 }),
      click(p, await pointOf(p, { id: 'save', at: [0.5, 0.5] })),
    ]);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    let parsed = null;
    try { parsed = JSON.parse(text); } catch { /* reported below */ }
    check(download.suggestedFilename() === 'boltzlab-rbm.json' && parsed !== null && text.includes('"rbm"'),
      'RBM lab: Save downloads the scene as JSON', `${download.suggestedFilename()}, ${text.length} bytes`);
    await quiet();
    const saved = await shot(p);
    await p.screenshot({ path: path.join(shots, 'rbm-saved.png') });

    // Reset brings the untrained machine back.
    await click(p, await pointOf(p, { id: 'reset', at: [0.5, 0.5] }));
    await quiet();
    const reset = await shot(p);
    responds(saved, reset, machine, 'RBM lab: after Reset the machine differs from the one saved');

    // load answers the file picker that Load opens with file, and returns
    // the picture while the notice is up.
    const loadPt = await pointOf(p, { id: 'load', at: [0.5, 0.5] });
    const load = async (f) => {
      const [chooser] = await Promise.all([p.waitForEvent('filechooser', { timeout: 20_000 }), click(p, loadPt)]);
      await chooser.setFiles(f);
      await park(p);
      return shot(p);
    };
    const noticed = await load(file);
    await quiet();
    const loaded = await shot(p);
    await p.screenshot({ path: path.join(shots, 'rbm-loaded.png') });
    responds(loaded, noticed, bottom, 'RBM lab: loading the saved file shows a notice');
    same(saved, loaded, machine, 'RBM lab: Load with the saved file brings its machine back', { most: 20 });

    const bad = path.join(dir, 'not-a-scene.json');
    writeFileSync(bad, '{"scene": "rbm", "seed": 1, "state": {"rate": }\n');
    const refusal = await load(bad);
    // A loaded scene starts with nothing focused, but this time the scene
    // stays and its Load button keeps the focus the click gave it: Esc
    // clears it, so the whole screen can be compared.
    await p.evaluate(() => document.querySelector('canvas').focus());
    await pressKey(p, 'Escape');
    await quiet();
    const after = await shot(p);
    await p.screenshot({ path: path.join(shots, 'rbm-refused.png') });
    responds(after, refusal, bottom, 'RBM lab: a file that is not a saved scene is refused with a notice');
    same(loaded, after, { x: 0, y: 0, w: VIEW.width, h: VIEW.height }, 'RBM lab: and nothing changes', { most: 20 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await lab.context.close();
  }
}

// checkSlowClick slows the page's processor through the DevTools
// protocol, so frames come far apart, and clicks Sigmoid's Step with no
// pause between press and release: both then land between the same two
// frames, and the step must still be made, every time. Each step flips
// the coin once, which adds a square to its strip and counts one more
// flip, and nothing else moves on its own while the scene is paused.
async function checkSlowClick(browser, url) {
  console.log('a click with no pause at a low frame rate');
  const lab = await openLab(browser, url, '#scene=sigmoid&seed=1', 'slow click');
  const p = lab.page;
  const cdp = await lab.context.newCDPSession(p);
  const whole = await rectOf(p, 'page');
  const step = await pointOf(p, { id: 'step', at: [0.5, 0.5] });
  // A click held across frames first: it gives Step the focus, whose ring
  // alone would otherwise make the first quick click look answered.
  await click(p, step);
  await waitFrames(p, 4);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
  try {
    const fps = await measureFPS(p, 3000);
    const rate = `${fps.drawn.toFixed(1)} frames/s with the processor slowed 8×`;
    let before = await shot(p);
    await waitFrames(p, 4);
    let after = await shot(p);
    same(before, after, whole, 'sigmoid: at a low frame rate the paused scene holds still without a click');
    const counts = [];
    for (let k = 0; k < 5; k++) {
      before = after;
      await p.mouse.down();
      await p.mouse.up();
      await waitFrames(p, 4);
      after = await shot(p);
      counts.push(changedPixels(before, after, whole).changed);
    }
    const stepped = counts.filter((n) => n >= 50).length;
    check(stepped === 5, 'sigmoid: a click on Step with no pause registers at a low frame rate, 5 times out of 5',
      `${rate}; ${stepped} of 5 stepped; pixels changed by each: ${counts.join(', ')}`);
    await p.screenshot({ path: path.join(shots, 'slow-click.png') });
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await lab.context.close();
  }
}

// ---------------------------------------------------------------------------

async function main() {
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  const server = await startServer();
  let browser;
  const report = {};
  try {
    report.sizes = await checkServer(server.url);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });

    console.log('the lab');
    const lab = await openLab(browser, server.url, '', 'lab');
    const names = await lab.page.evaluate(() => window.boltzlab.scenes);
    check(names.length > 0, 'the lab lists its scenes', names.join(', '));
    // Start on the last scene, so clicking the first tab changes the picture.
    await lab.page.evaluate((n) => { location.hash = `#scene=${n}&seed=1`; }, names[names.length - 1]);
    await lab.page.waitForFunction((n) => window.boltzlab.scene === n, names[names.length - 1], { timeout: 10_000 });
    report.scenes = await visitScenes(lab.page, names);
    await checkScreenshotKey(lab.page);
    await checkResize(lab.page);
    await lab.context.close();

    await checkLinks(browser, server.url, names);
    await checkShare(browser, server.url);
    await checkFixedAxes(browser, server.url);
    await checkFileLoad(browser, server.url);
    await checkTeacher(browser, server.url);
    await checkTouch(browser, server.url, names);
    await checkSlowClick(browser, server.url);
    await checkLoading(browser, server.url);
    await checkMissing(browser, server.url);
  } finally {
    if (browser) await browser.close();
    server.proc.kill('SIGTERM');
    rmSync(path.dirname(server.bin), { recursive: true, force: true });
  }

  for (const p of problems) check(false, p);
  if (problems.length === 0) check(true, 'no page error, Go panic or exit in any page');

  // The figures.
  const mb = (n) => (n / 1e6).toFixed(2) + ' MB';
  console.log('\nfigures (headless Chromium, software WebGL, 1280×800)');
  console.log(`  boltzlab.wasm           ${mb(report.sizes.raw)} raw, ${mb(report.sizes.gzip)} gzipped (target under 4 MB gzipped)`);
  console.log(`  navigation→first frame  ${firstFrames.map((t) => `${Math.round(t)} ms`).join(', ')} (each page in a fresh, uncached context; median ${Math.round(median(firstFrames))} ms)`);
  console.log(`  each scene in its busiest state; medians of ${WINDOWS} paired windows of ${FPS_MS} ms (scene, then the blank game)`);
  console.log('  scene          drawn fps   blank fps   ratio   Go ms/frame p50 / p95 / p99   Ebitengine FPS / TPS');
  for (const [name, f] of Object.entries(report.scenes)) {
    const go = `${f.p50.toFixed(2)} / ${f.p95.toFixed(2)} / ${f.p99.toFixed(2)}`;
    const notes = [f.ratio < 0.9 ? 'frame rate below 90% of blank' : '', f.p95 > 6 ? 'p95 over 6 ms' : ''].filter(Boolean).join(', ');
    console.log(`  ${name.padEnd(14)} ${f.drawn.toFixed(1).padStart(9)}   ${f.blank.toFixed(1).padStart(9)}   ${(100 * f.ratio).toFixed(0).padStart(4)}%   ${go.padStart(27)}   ${f.ebiten.toFixed(1)} / ${f.tps.toFixed(1)}${notes ? `   (${notes})` : ''}`);
  }
  report.firstFrameMs = firstFrames;
  report.loadAverage = os.loadavg();
  console.log(`  load average during the run: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
  writeFileSync(path.join(shots, 'figures.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`  screenshots in ${path.relative(root, shots)}/`);

  for (const f of failures) console.log(`failed: ${f}`);
  console.log(`e2e: ${passed} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log(`e2e: ${passed} passed, ${failures.length + 1} failed`);
  process.exit(1);
});
