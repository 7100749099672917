#!/usr/bin/env node
// Lighthouse on one page with Debian's Chromium: the default (mobile) preset, that
// is a Moto G Power-sized screen and simulated throttling (slow 4G: 150 ms RTT,
// 1.6 Mbit/s; 4x CPU slowdown). Each run gets a fresh browser and profile; the
// figures reported are the medians of the runs.
//
//   node bench/lighthouse.mjs http://127.0.0.1:8980/articles/how-ecommerce-operations-work
//   node bench/lighthouse.mjs <url> --runs=5 --report=/tmp/lh   (also writes each run's HTML and JSON report)
//
// npm run bench calls measureLighthouse() on the article through the stack.
// CHROME_PATH chooses the browser (default /usr/bin/chromium).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

export const LIGHTHOUSE_TARGETS = { score: 100, lcpMsMax: 1200, tbtMsMax: 100 };

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (n, d = 0) => (Number.isFinite(n) ? Number(n.toFixed(d)) : null);

/**
 * The LCP element and its breakdown. Lighthouse 13 replaced the
 * `largest-contentful-paint-element` audit with `lcp-breakdown-insight`: a list of
 * the subparts table and the element. Its subparts come from the trace of the
 * (unthrottled) page load, not from the simulation that gives the LCP metric.
 */
function lcpDetails(lhr) {
  const audit = lhr.audits['lcp-breakdown-insight'] ?? lhr.audits['largest-contentful-paint-element'];
  const out = { audit: audit?.id ?? null, element: null, breakdownMs: null };
  const lists = audit?.details?.type === 'list' ? audit.details.items : [];
  for (const item of lists) {
    if (item.type === 'node') {
      out.element = { selector: item.selector ?? null, nodeLabel: item.nodeLabel ?? null, snippet: item.snippet ?? null };
    } else if (item.type === 'table') {
      const rows = Object.fromEntries(item.items.map((row) => [row.subpart ?? row.phase, row.duration ?? row.timing]));
      if (rows.timeToFirstByte !== undefined || rows.TTFB !== undefined) {
        out.breakdownMs = {
          ttfb: round(rows.timeToFirstByte ?? rows.TTFB),
          loadDelay: round(rows.resourceLoadDelay ?? rows['Load Delay'] ?? 0),
          loadTime: round(rows.resourceLoadDuration ?? rows['Load Time'] ?? 0),
          renderDelay: round(rows.elementRenderDelay ?? rows['Render Delay']),
        };
      } else if (item.items[0]?.node) {
        const node = item.items[0].node;
        out.element = { selector: node.selector ?? null, nodeLabel: node.nodeLabel ?? null, snippet: node.snippet ?? null };
      }
    }
  }
  return out;
}

/** The figures of one run. */
export function summarizeRun(lhr) {
  const a = lhr.audits;
  const observed = a.metrics?.details?.items?.[0] ?? {};
  return {
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100)])),
    fcpMs: round(a['first-contentful-paint']?.numericValue),
    lcpMs: round(a['largest-contentful-paint']?.numericValue),
    tbtMs: round(a['total-blocking-time']?.numericValue),
    speedIndexMs: round(a['speed-index']?.numericValue),
    cls: round(a['cumulative-layout-shift']?.numericValue, 3),
    // What the unthrottled load itself showed; the metrics above are simulated from it.
    observed: {
      fcpMs: round(observed.observedFirstContentfulPaint),
      lcpMs: round(observed.observedLargestContentfulPaint),
      loadMs: round(observed.observedLoad),
    },
    lcp: lcpDetails(lhr),
    failedAudits: Object.values(a)
      .filter((x) => x.score !== null && x.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(x.scoreDisplayMode))
      .filter((x) => CATEGORIES.some((c) => lhr.categories[c]?.auditRefs.some((r) => r.id === x.id && r.weight > 0)))
      .map((x) => x.id),
    runWarnings: lhr.runWarnings ?? [],
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
  };
}

/**
 * Runs Lighthouse `runs` times on `url` and returns every run and the medians.
 * `track(stop)` lets a caller stop a browser that is still running if it is interrupted.
 */
export async function measureLighthouse(
  url,
  { runs = 3, chromePath = process.env.CHROME_PATH || '/usr/bin/chromium', reportDir = null, track = () => () => {}, log = console.log } = {},
) {
  const results = [];
  let version = null;
  let userAgent = null;
  for (let i = 1; i <= runs; i++) {
    const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, handleSIGINT: false, logLevel: 'silent' });
    const untrack = track(() => chrome.kill());
    let runner;
    try {
      runner = await lighthouse(url, { port: chrome.port, logLevel: 'error', output: reportDir ? ['html', 'json'] : 'json', onlyCategories: CATEGORIES });
    } finally {
      await chrome.kill();
      untrack?.();
    }
    if (!runner?.lhr) throw new Error(`lighthouse run ${i} produced no report`);
    const { lhr } = runner;
    if (lhr.runtimeError) throw new Error(`lighthouse run ${i}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    version = lhr.lighthouseVersion;
    userAgent = lhr.environment?.hostUserAgent ?? null;
    if (reportDir) {
      mkdirSync(reportDir, { recursive: true });
      const [html, json] = runner.report;
      writeFileSync(path.join(reportDir, `run-${i}.html`), html);
      writeFileSync(path.join(reportDir, `run-${i}.json`), json);
    }
    const run = summarizeRun(lhr);
    results.push(run);
    log(
      `lighthouse run ${i}/${runs}: ${CATEGORIES.map((c) => run.scores[c]).join('/')}, FCP ${run.fcpMs} ms, LCP ${run.lcpMs} ms, TBT ${run.tbtMs} ms (observed unthrottled: FCP ${run.observed.fcpMs} ms, LCP ${run.observed.lcpMs} ms)`,
    );
  }
  // The element and breakdown of the run whose LCP is the median (the lower middle one for an even count).
  const byLcp = [...results].sort((x, y) => x.lcpMs - y.lcpMs);
  const medianRun = byLcp[Math.floor((byLcp.length - 1) / 2)];
  const pick = (f) => median(results.map(f));
  return {
    lighthouseVersion: version,
    browser: userAgent,
    chromePath,
    url,
    preset: 'mobile (Lighthouse default): simulated slow 4G (150 ms RTT, 1.6 Mbit/s down) and 4x CPU slowdown',
    runCount: runs,
    median: {
      scores: Object.fromEntries(CATEGORIES.map((c) => [c, pick((r) => r.scores[c])])),
      fcpMs: pick((r) => r.fcpMs),
      lcpMs: pick((r) => r.lcpMs),
      tbtMs: pick((r) => r.tbtMs),
      speedIndexMs: pick((r) => r.speedIndexMs),
      cls: pick((r) => r.cls),
      observed: { fcpMs: pick((r) => r.observed.fcpMs), lcpMs: pick((r) => r.observed.lcpMs) },
    },
    lcpElement: medianRun.lcp.element,
    lcpBreakdownMs: medianRun.lcp.breakdownMs,
    lcpBreakdownNote: `from ${medianRun.lcp.audit} of the median-LCP run; Lighthouse 13 measures these subparts on the unthrottled trace, while the LCP figure is simulated`,
    runs: results,
  };
}

/** Target rows in the shape bench/run.mjs prints and stores. */
export function lighthouseTargets(lh) {
  const m = lh.median;
  return [
    ...CATEGORIES.map((c) => ({
      name: `Lighthouse ${c} score (mobile, median of ${lh.runCount})`,
      rule: `= ${LIGHTHOUSE_TARGETS.score}`,
      actual: m.scores[c],
      pass: m.scores[c] === LIGHTHOUSE_TARGETS.score,
    })),
    {
      name: `Lighthouse LCP ms (mobile, median of ${lh.runCount})`,
      rule: `<= ${LIGHTHOUSE_TARGETS.lcpMsMax}`,
      actual: m.lcpMs,
      pass: m.lcpMs !== null && m.lcpMs <= LIGHTHOUSE_TARGETS.lcpMsMax,
    },
    {
      name: `Lighthouse TBT ms (mobile, median of ${lh.runCount})`,
      rule: `<= ${LIGHTHOUSE_TARGETS.tbtMsMax}`,
      actual: m.tbtMs,
      pass: m.tbtMs !== null && m.tbtMs <= LIGHTHOUSE_TARGETS.tbtMsMax,
    },
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const url = args.find((a) => !a.startsWith('--'));
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
  const reportDir = args.find((a) => a.startsWith('--report='))?.slice(9) ?? null;
  if (!url || !Number.isInteger(runs) || runs < 1) {
    console.error('usage: node bench/lighthouse.mjs <url> [--runs=3] [--report=dir]');
    process.exit(2);
  }
  const stops = new Set();
  process.on('SIGINT', () => {
    for (const stop of stops) stop();
    process.exit(130);
  });
  const lh = await measureLighthouse(url, { runs, reportDir, track: (stop) => (stops.add(stop), () => stops.delete(stop)) });
  const { runs: _runs, ...summary } = lh;
  console.log(JSON.stringify(summary, null, 2));
  for (const t of lighthouseTargets(lh)) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.actual} (${t.rule})`);
}
