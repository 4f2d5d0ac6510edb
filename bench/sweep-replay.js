// The bare client for bench/notify.ts: sends again exactly the requests one sweep made to each
// simulator (method, path, query, headers, body), with plain `fetch` and no parsing beyond reading
// each answer to its end, the same number in flight per provider as the sweep. Per provider the
// first request goes alone (its answer is what a sweep reads before anything else: the customer
// list, the first page), then the rest. Every provider at once, as the sweep reads them. Its time is
// the fastest this machine, at this moment, lets any client make those requests: the floor the
// sweep is compared with, measured in a process of its own started as the sweep's is.
// Gets { providers: {id: {origin, requests}}, concurrency } over IPC; answers { ms, providers: {id: ms} }.
async function send(origin, r) {
  const res = await fetch(`${origin}${r.path}`, {
    method: r.method,
    headers: r.headers,
    ...(r.body === undefined ? {} : { body: r.body }),
  });
  await res.arrayBuffer();
}

async function replay(origin, requests, concurrency) {
  const [first, ...rest] = requests;
  if (first) await send(origin, first);
  let next = 0;
  const worker = async () => {
    while (next < rest.length) await send(origin, rest[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

process.once('message', async ({ providers, concurrency }) => {
  const started = performance.now();
  const times = {};
  await Promise.all(
    Object.entries(providers).map(async ([id, { origin, requests }]) => {
      await replay(origin, requests, concurrency);
      times[id] = performance.now() - started;
    }),
  );
  process.send({ ms: performance.now() - started, providers: times }, () => process.exit(0));
});
