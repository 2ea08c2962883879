// Page timings for `python -m tests.bench pages` (tests/bench/pages.py starts the server and prints the table):
// Debian's Chromium through playwright-core, each network profile applied with CDP's
// Network.emulateNetworkConditions; cold = a new context (empty cache), warm = a reload of that page.
// Prints one JSON document: { pages: [{ page, profile, visit, run, idleMs, loadMs, bytes, requests, cached, api }] }.
import { byTestId, inputOf, launch, PASSWORD } from "../e2e/helpers.mjs";

const BASE = process.env.KEYHOLD_BENCH_URL.replace(/\/$/, "");
const RUNS = Number(process.env.KEYHOLD_BENCH_RUNS || 3);
const USER = process.env.KEYHOLD_BENCH_USER || "hq.lin";
const MBIT = 1_000_000 / 8; // bytes per second in one Mbit/s
const PROFILES = {
  localhost: null,
  "4g": {
    latency: 40,
    downloadThroughput: 9 * MBIT,
    uploadThroughput: 9 * MBIT,
  },
  slow: {
    latency: 150,
    downloadThroughput: 1.6 * MBIT,
    uploadThroughput: 1.6 * MBIT,
  },
};
const wanted = (
  process.env.KEYHOLD_BENCH_PROFILES || Object.keys(PROFILES).join(",")
).split(",");

async function signedInContext(browser) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "zh-CN",
  });
  context.setDefaultTimeout(60_000);
  const res = await context.request.post(`${BASE}/api/v1/auth/token`, {
    form: { username: USER, password: PASSWORD },
    headers: { "X-Requested-With": "keyhold" },
  });
  if (!res.ok())
    throw new Error(
      `sign-in as ${USER} failed: ${res.status()} ${await res.text()}`,
    );
  return context;
}

/** Loads `url` (or reloads the page) under `conditions` and waits until `ready` and the network has gone quiet. */
async function visit(page, cdp, { url, ready, reload }) {
  let start = 0;
  let last = 0;
  let bytes = 0;
  const urls = new Map();
  const cached = new Set();
  const onRequest = (e) => {
    if (!e.request.url.startsWith("http")) return;
    if (!start && e.type === "Document") start = e.timestamp;
    urls.set(e.requestId, e.request.url);
  };
  const onResponse = (e) => {
    if (e.response.fromDiskCache || e.response.fromMemoryCache)
      cached.add(e.requestId);
  };
  const onCached = (e) => cached.add(e.requestId);
  const onFinished = (e) => {
    if (!urls.has(e.requestId)) return;
    bytes += e.encodedDataLength;
    last = Math.max(last, e.timestamp);
  };
  cdp.on("Network.requestWillBeSent", onRequest);
  cdp.on("Network.responseReceived", onResponse);
  cdp.on("Network.requestServedFromCache", onCached);
  cdp.on("Network.loadingFinished", onFinished);
  cdp.on("Network.loadingFailed", onFinished);
  try {
    if (reload) await page.reload({ waitUntil: "load" });
    else await page.goto(url, { waitUntil: "load" });
    await ready(page);
    await page.waitForLoadState("networkidle");
  } finally {
    cdp.off("Network.requestWillBeSent", onRequest);
    cdp.off("Network.responseReceived", onResponse);
    cdp.off("Network.requestServedFromCache", onCached);
    cdp.off("Network.loadingFinished", onFinished);
    cdp.off("Network.loadingFailed", onFinished);
  }
  const loadMs = await page.evaluate(
    () => performance.getEntriesByType("navigation")[0].loadEventEnd,
  );
  const api = [...urls.values()].filter((u) =>
    new URL(u).pathname.startsWith("/api/"),
  ).length;
  return {
    idleMs: Math.round((last - start) * 1000),
    loadMs: Math.round(loadMs),
    bytes,
    requests: urls.size,
    cached: cached.size,
    api,
  };
}

async function main() {
  const browser = await launch();
  const results = [];
  try {
    // The customer 360 page of the first customer the list shows.
    const probe = await signedInContext(browser);
    const list = await probe.request.get(`${BASE}/api/v1/customers?limit=1`);
    const customerId = (await list.json()).items[0].id;
    await probe.close();
    const pages = [
      {
        page: "login",
        url: `${BASE}/login`,
        signedIn: false,
        ready: (p) => inputOf(p, "login-username").waitFor(),
      },
      {
        page: "customer list",
        url: `${BASE}/customers`,
        signedIn: true,
        ready: (p) => byTestId(p, "customer-row").first().waitFor(),
      },
      {
        page: "customer 360",
        url: `${BASE}/customers/${customerId}`,
        signedIn: true,
        ready: (p) => byTestId(p, "customer-name").waitFor(),
      },
    ];
    for (const profile of wanted) {
      const conditions = PROFILES[profile];
      if (conditions === undefined)
        throw new Error(
          `unknown profile ${profile}; choose from ${Object.keys(PROFILES)}`,
        );
      for (const spec of pages) {
        for (let run = 1; run <= RUNS; run++) {
          const context = spec.signedIn
            ? await signedInContext(browser)
            : await browser.newContext({
                viewport: { width: 1440, height: 900 },
                locale: "zh-CN",
              });
          context.setDefaultTimeout(60_000);
          const page = await context.newPage();
          const cdp = await context.newCDPSession(page);
          await cdp.send("Network.enable");
          if (conditions)
            await cdp.send("Network.emulateNetworkConditions", {
              offline: false,
              ...conditions,
            });
          const cold = await visit(page, cdp, {
            url: spec.url,
            ready: spec.ready,
            reload: false,
          });
          const warm = await visit(page, cdp, {
            url: spec.url,
            ready: spec.ready,
            reload: true,
          });
          results.push({
            page: spec.page,
            profile,
            visit: "cold",
            run,
            ...cold,
          });
          results.push({
            page: spec.page,
            profile,
            visit: "warm",
            run,
            ...warm,
          });
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ pages: results }) + "\n");
}

await main();
