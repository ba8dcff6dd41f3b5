// A webhook receiver that verifies every delivery with the Standard Webhooks reference implementation
// (npm package "standardwebhooks"), as a subscriber's server would. Loa's tests start it as a separate
// process on loopback (StandardWebhooksReceiverIT); it is nobody's code here but the library's.
//
//   node receiver.js            listens on 127.0.0.1 on a free port and prints "LISTENING <port>"
//   PUT  /_secrets/<path>       body: the whsec_ secret of the subscription whose target is /<path>
//   POST /<path>                a delivery: verified with new Webhook(secret).verify(body, headers)
//   GET  /_results              what was received: [{path, id, timestamp, verified, error, deliveryId, eventType}]
'use strict';
const http = require('node:http');
const { Webhook } = require('standardwebhooks');

const secrets = new Map();
const results = [];

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const server = http.createServer(async (req, res) => {
  const body = await readBody(req);
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method === 'PUT' && url.pathname.startsWith('/_secrets/')) {
    secrets.set(url.pathname.substring('/_secrets'.length), body.toString('utf8').trim());
    res.writeHead(204).end();
    return;
  }
  if (req.method === 'GET' && url.pathname === '/_results') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(results));
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405).end();
    return;
  }
  const result = {
    path: url.pathname,
    id: req.headers['webhook-id'] || null,
    timestamp: req.headers['webhook-timestamp'] || null,
    verified: false,
    error: null,
    deliveryId: null,
    eventType: null,
  };
  const secret = secrets.get(url.pathname);
  try {
    if (!secret) {
      throw new Error('no secret registered for ' + url.pathname);
    }
    // The raw body, as the library requires (a re-serialized JSON would not verify).
    const payload = new Webhook(secret).verify(body, req.headers);
    result.verified = true;
    result.deliveryId = payload.deliveryId;
    result.eventType = payload.eventType;
    result.subject = payload.subject;
  } catch (e) {
    result.error = String(e && e.message ? e.message : e);
  }
  results.push(result);
  res.writeHead(result.verified ? 204 : 400).end();
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write('LISTENING ' + server.address().port + '\n');
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
